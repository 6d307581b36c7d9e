package org.kttcp4j.abi;

import com.sun.jna.Native;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The interface ioctls of one kernel: what asks a network interface its MTU, its link speed and its offloads,
 * with the structs those requests carry. Every number is in docs/netbsd.md ("Network interfaces"; the Linux ones
 * in its Linux table) with its source, and AbiTest and NativeProbeTest pin them. Instances: {@link #of(Abi)}.
 *
 * <p>NetBSD (src: sys/sys/sockio.h, sys/net/if.h, sys/net/if_media.h): SIOCGIFCONF lists the interfaces with
 * their addresses, SIOCGIFMTU gives the MTU, SIOCGIFMEDIA the active medium (its word names the speed) and
 * SIOCGIFCAP the offloads, available and enabled. Their request numbers are {@code _IOWR('i', n, struct)}, so
 * they depend on the struct's size on the target and are computed here, like kttcp's.
 *
 * <p>Linux (include/uapi/linux/sockios.h, include/uapi/linux/ethtool.h): SIOCGIFMTU, and SIOCETHTOOL whose
 * ifr_data points at an ethtool command: ETHTOOL_GSET for the speed, ETHTOOL_GDRVINFO for the driver, the
 * ethtool_value commands for the offloads (enabled only: the legacy commands say nothing of what is available).
 */
public final class InterfaceAbi {
    /** IFNAMSIZ: 16 on both (NetBSD sys/net/if.h via IF_NAMESIZE; Linux include/uapi/linux/if.h). */
    public static final int IFNAMSIZ = 16;

    // ---- NetBSD ----
    /** sizeof(struct ifreq): ifr_name[16] then a union holding a struct sockaddr_storage (128 bytes). */
    public static final int NETBSD_IFREQ_SIZE = IFNAMSIZ + 128;
    /** sizeof(struct ifcapreq): ifcr_name[16], uint64_t ifcr_capabilities, uint64_t ifcr_capenable. */
    public static final int NETBSD_IFCAPREQ_SIZE = IFNAMSIZ + 16;
    /** Request numbers in group 'i' (src: sys/sys/sockio.h). */
    static final int NETBSD_SIOCGIFFLAGS_NUM = 17;
    static final int NETBSD_SIOCGIFCONF_NUM = 38;
    static final int NETBSD_SIOCGIFMEDIA_NUM = 54;
    static final int NETBSD_SIOCGIFCAP_NUM = 118;
    static final int NETBSD_SIOCGIFMTU_NUM = 126;
    static final char NETBSD_GROUP = 'i';

    /** IFF_LOOPBACK in ifr_flags and ifa_flags: 0x8 on both (NetBSD sys/net/if.h; Linux include/uapi/linux/if.h). */
    public static final int IFF_LOOPBACK = 0x8;

    /** src: sys/net/if_media.h: the masks and the bits of a media word. */
    public static final int IFM_NMASK = 0x000000e0;
    public static final int IFM_TMASK = 0x0000001f;
    public static final int IFM_ETHER = 0x00000020;
    public static final int IFM_AUTO = 0;
    public static final int IFM_NONE = 2;
    public static final int IFM_AVALID = 0x00000001;
    public static final int IFM_ACTIVE = 0x00000002;

    /** src: sys/net/if.h: the ifcr_capabilities/ifcr_capenable bits that change a TCP figure. */
    public static final long IFCAP_TSOv4 = 0x00080;
    public static final long IFCAP_CSUM_IPv4_Rx = 0x00100;
    public static final long IFCAP_CSUM_IPv4_Tx = 0x00200;
    public static final long IFCAP_CSUM_TCPv4_Rx = 0x00400;
    public static final long IFCAP_CSUM_TCPv4_Tx = 0x00800;
    public static final long IFCAP_CSUM_TCPv6_Rx = 0x04000;
    public static final long IFCAP_CSUM_TCPv6_Tx = 0x08000;
    public static final long IFCAP_TSOv6 = 0x40000;
    public static final long IFCAP_LRO = 0x80000;

    /** The offloads kttcp4j reports, by the names NetBSD's ifconfig(8) prints, and their IFCAP_ bits. */
    public static final Map<String, Long> NETBSD_OFFLOADS = ordered(
            "TSO4", IFCAP_TSOv4, "TSO6", IFCAP_TSOv6, "LRO", IFCAP_LRO,
            "IP4CSUM_Rx", IFCAP_CSUM_IPv4_Rx, "IP4CSUM_Tx", IFCAP_CSUM_IPv4_Tx,
            "TCP4CSUM_Rx", IFCAP_CSUM_TCPv4_Rx, "TCP4CSUM_Tx", IFCAP_CSUM_TCPv4_Tx,
            "TCP6CSUM_Rx", IFCAP_CSUM_TCPv6_Rx, "TCP6CSUM_Tx", IFCAP_CSUM_TCPv6_Tx);

    /**
     * The Ethernet subtypes of sys/net/if_media.h's IFM_BAUDRATE_DESCRIPTIONS (NetBSD/src rev 1.57.8.1) and their
     * speeds in bit/s. A subtype not in the table has no speed here: none is guessed.
     */
    private static final Map<Integer, Long> ETHER_SPEEDS = etherSpeeds();

    private static Map<Integer, Long> etherSpeeds() {
        long m = 1_000_000L;
        Map<Integer, Long> s = new LinkedHashMap<>();
        s.put(3, 10 * m); // IFM_10_T
        s.put(4, 10 * m); // IFM_10_2
        s.put(5, 10 * m); // IFM_10_5
        s.put(6, 100 * m); // IFM_100_TX
        s.put(7, 100 * m); // IFM_100_FX
        s.put(8, 100 * m); // IFM_100_T4
        s.put(9, 100 * m); // IFM_100_VG
        s.put(10, 100 * m); // IFM_100_T2
        s.put(11, 1000 * m); // IFM_1000_SX
        s.put(12, 10 * m); // IFM_10_STP
        s.put(13, 10 * m); // IFM_10_FL
        s.put(14, 1000 * m); // IFM_1000_LX
        s.put(15, 1000 * m); // IFM_1000_CX
        s.put(16, 1000 * m); // IFM_1000_T
        s.put(17, 1 * m); // IFM_HPNA_1
        s.put(18, 10_000 * m); // IFM_10G_LR
        s.put(19, 10_000 * m); // IFM_10G_SR
        s.put(20, 10_000 * m); // IFM_10G_CX4
        s.put(21, 2500 * m); // IFM_2500_SX
        s.put(22, 1000 * m); // IFM_1000_BX10
        s.put(23, 10_000 * m); // IFM_10G_TWINAX
        s.put(24, 10_000 * m); // IFM_10G_TWINAX_LONG
        s.put(25, 10_000 * m); // IFM_10G_LRM
        s.put(26, 10_000 * m); // IFM_10G_T
        s.put(27, 1000 * m); // IFM_1000_KX
        s.put(28, 2500 * m); // IFM_2500_KX
        return Collections.unmodifiableMap(s);
    }

    // ---- Linux ----
    /** include/uapi/linux/sockios.h */
    public static final int LINUX_SIOCGIFCONF = 0x8912;
    public static final int LINUX_SIOCGIFFLAGS = 0x8913;
    public static final int LINUX_SIOCGIFMTU = 0x8921;
    public static final int LINUX_SIOCETHTOOL = 0x8946;
    /** include/uapi/linux/ethtool.h: the commands (the first u32 of every ethtool struct). */
    public static final int ETHTOOL_GSET = 0x00000001;
    public static final int ETHTOOL_GDRVINFO = 0x00000003;
    public static final int ETHTOOL_GRXCSUM = 0x00000014;
    public static final int ETHTOOL_GTXCSUM = 0x00000016;
    public static final int ETHTOOL_GTSO = 0x0000001e;
    public static final int ETHTOOL_GGSO = 0x00000023;
    public static final int ETHTOOL_GFLAGS = 0x00000025;
    public static final int ETHTOOL_GGRO = 0x0000002b;
    /** enum ethtool_flags: LRO in ETHTOOL_GFLAGS's data. */
    public static final int ETH_FLAG_LRO = 1 << 15;
    /** SPEED_UNKNOWN: -1, i.e. 0xffffffff in ethtool_cmd's {@code speed | speed_hi << 16}. */
    public static final long LINUX_SPEED_UNKNOWN = 0xffffffffL;
    /**
     * struct ethtool_cmd: u32 cmd, supported, advertising; u16 speed at 12; u8 duplex, port, phy_address,
     * transceiver, autoneg, mdio_support; u32 maxtxpkt, maxrxpkt; u16 speed_hi at 28; u8 eth_tp_mdix,
     * eth_tp_mdix_ctrl; u32 lp_advertising, reserved[2]: 44 bytes.
     */
    public static final int ETHTOOL_CMD_SIZE = 44;
    public static final int ETHTOOL_CMD_SPEED = 12;
    public static final int ETHTOOL_CMD_SPEED_HI = 28;
    /** struct ethtool_drvinfo: u32 cmd, char driver[32] at 4, version[32], fw_version[32], bus_info[32], ...: 196. */
    public static final int ETHTOOL_DRVINFO_SIZE = 196;
    public static final int ETHTOOL_DRVINFO_DRIVER = 4;
    public static final int ETHTOOL_DRIVER_LEN = 32;
    /** struct ethtool_value: u32 cmd, u32 data. */
    public static final int ETHTOOL_VALUE_SIZE = 8;

    /** The offloads kttcp4j reports on Linux, by ethtool -k's names, and the ethtool_value command for each. */
    public static final Map<String, Integer> LINUX_OFFLOADS = ordered(
            "tso", ETHTOOL_GTSO, "gso", ETHTOOL_GGSO, "gro", ETHTOOL_GGRO, "lro", ETHTOOL_GFLAGS,
            "rx-checksum", ETHTOOL_GRXCSUM, "tx-checksum", ETHTOOL_GTXCSUM);

    private final Abi abi;

    private InterfaceAbi(Abi abi) {
        this.abi = abi;
    }

    private static final InterfaceAbi NETBSD = new InterfaceAbi(Abi.netbsd());
    private static final InterfaceAbi LINUX = new InterfaceAbi(Abi.linux());

    public static InterfaceAbi of(Abi abi) {
        return abi == Abi.netbsd() ? NETBSD : LINUX;
    }

    public boolean netbsd() {
        return abi == Abi.netbsd();
    }

    private static boolean lp64() {
        return Native.POINTER_SIZE == 8;
    }

    /** sizeof(struct ifreq): NetBSD 144; Linux 16 + its union (struct ifmap: 24 on LP64, 16 on 32-bit). */
    public int ifreqSize() {
        return netbsd() ? NETBSD_IFREQ_SIZE : IFNAMSIZ + (lp64() ? 24 : 16);
    }

    /** Where ifr_ifru (ifr_mtu, ifr_data, ifr_addr) begins in struct ifreq: after the name, on both. */
    public int ifruOffset() {
        return IFNAMSIZ;
    }

    /** NetBSD sizeof(struct ifmediareq): name[16], five ints, then int *ifm_ulist aligned: 48 on LP64, 40 on ILP32. */
    public static int netbsdIfmediareqSize() {
        return lp64() ? IFNAMSIZ + 20 + 4 + 8 : IFNAMSIZ + 20 + 4;
    }

    /** NetBSD struct ifmediareq's ifm_active (after ifm_current, ifm_mask, ifm_status) and ifm_status. */
    public static final int IFMEDIAREQ_STATUS = IFNAMSIZ + 8;
    public static final int IFMEDIAREQ_ACTIVE = IFNAMSIZ + 12;

    /** sizeof(struct ifconf): int ifc_len, then a pointer, aligned: 16 on LP64, 8 on ILP32 (both kernels). */
    public static int ifconfSize() {
        return lp64() ? 16 : 8;
    }

    /** Where ifconf's buffer pointer is. */
    public static int ifconfBufOffset() {
        return lp64() ? 8 : 4;
    }

    public long siocgifmtu() {
        return netbsd() ? IoctlRequest.iowr(NETBSD_GROUP, NETBSD_SIOCGIFMTU_NUM, NETBSD_IFREQ_SIZE) : LINUX_SIOCGIFMTU;
    }

    public long siocgifflags() {
        return netbsd() ? IoctlRequest.iowr(NETBSD_GROUP, NETBSD_SIOCGIFFLAGS_NUM, NETBSD_IFREQ_SIZE)
                : LINUX_SIOCGIFFLAGS;
    }

    public long siocgifconf() {
        return netbsd() ? IoctlRequest.iowr(NETBSD_GROUP, NETBSD_SIOCGIFCONF_NUM, ifconfSize()) : LINUX_SIOCGIFCONF;
    }

    /** NetBSD only. */
    public static long siocgifmedia() {
        return IoctlRequest.iowr(NETBSD_GROUP, NETBSD_SIOCGIFMEDIA_NUM, netbsdIfmediareqSize());
    }

    /** NetBSD only. */
    public static long siocgifcap() {
        return IoctlRequest.iowr(NETBSD_GROUP, NETBSD_SIOCGIFCAP_NUM, NETBSD_IFCAPREQ_SIZE);
    }

    /**
     * The speed a NetBSD media word names, in bit/s: an Ethernet word's subtype in if_media.h's baud-rate table;
     * empty for any other (IFM_AUTO, IFM_NONE, a type or subtype the table lacks).
     */
    public static OptionalLong netbsdMediaSpeed(int word) {
        if ((word & IFM_NMASK) != IFM_ETHER) {
            return OptionalLong.empty();
        }
        Long s = ETHER_SPEEDS.get(word & IFM_TMASK);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s);
    }

    /**
     * Every number above for this kernel, keyed by its C name, as native/kttcp_abi prints them from the target's
     * headers ("interfaces"): `kttcp4j abi --json` writes this table and NativeProbeTest compares the two.
     */
    public Map<String, Long> table() {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("IFNAMSIZ", (long) IFNAMSIZ);
        t.put("sizeof_ifreq", (long) ifreqSize());
        t.put("sizeof_ifconf", (long) ifconfSize());
        t.put("SIOCGIFCONF", siocgifconf());
        t.put("SIOCGIFMTU", siocgifmtu());
        t.put("SIOCGIFFLAGS", siocgifflags());
        t.put("IFF_LOOPBACK", (long) IFF_LOOPBACK);
        if (netbsd()) {
            t.put("sizeof_ifmediareq", (long) netbsdIfmediareqSize());
            t.put("offsetof_ifm_status", (long) IFMEDIAREQ_STATUS);
            t.put("offsetof_ifm_active", (long) IFMEDIAREQ_ACTIVE);
            t.put("sizeof_ifcapreq", (long) NETBSD_IFCAPREQ_SIZE);
            t.put("SIOCGIFMEDIA", siocgifmedia());
            t.put("SIOCGIFCAP", siocgifcap());
            t.put("IFM_NMASK", (long) IFM_NMASK);
            t.put("IFM_TMASK", (long) IFM_TMASK);
            t.put("IFM_ETHER", (long) IFM_ETHER);
            t.put("IFM_AVALID", (long) IFM_AVALID);
            t.put("IFM_ACTIVE", (long) IFM_ACTIVE);
            t.put("IFM_1000_T", 16L);
            t.put("IFM_10G_T", 26L);
            t.put("IFCAP_TSOv4", IFCAP_TSOv4);
            t.put("IFCAP_TSOv6", IFCAP_TSOv6);
            t.put("IFCAP_LRO", IFCAP_LRO);
            t.put("IFCAP_CSUM_IPv4_Rx", IFCAP_CSUM_IPv4_Rx);
            t.put("IFCAP_CSUM_IPv4_Tx", IFCAP_CSUM_IPv4_Tx);
            t.put("IFCAP_CSUM_TCPv4_Rx", IFCAP_CSUM_TCPv4_Rx);
            t.put("IFCAP_CSUM_TCPv4_Tx", IFCAP_CSUM_TCPv4_Tx);
            t.put("IFCAP_CSUM_TCPv6_Rx", IFCAP_CSUM_TCPv6_Rx);
            t.put("IFCAP_CSUM_TCPv6_Tx", IFCAP_CSUM_TCPv6_Tx);
        } else {
            t.put("SIOCETHTOOL", (long) LINUX_SIOCETHTOOL);
            t.put("sizeof_ethtool_cmd", (long) ETHTOOL_CMD_SIZE);
            t.put("offsetof_ethtool_cmd_speed", (long) ETHTOOL_CMD_SPEED);
            t.put("offsetof_ethtool_cmd_speed_hi", (long) ETHTOOL_CMD_SPEED_HI);
            t.put("sizeof_ethtool_drvinfo", (long) ETHTOOL_DRVINFO_SIZE);
            t.put("offsetof_ethtool_drvinfo_driver", (long) ETHTOOL_DRVINFO_DRIVER);
            t.put("sizeof_ethtool_value", (long) ETHTOOL_VALUE_SIZE);
            t.put("ETHTOOL_GSET", (long) ETHTOOL_GSET);
            t.put("ETHTOOL_GDRVINFO", (long) ETHTOOL_GDRVINFO);
            t.put("ETHTOOL_GRXCSUM", (long) ETHTOOL_GRXCSUM);
            t.put("ETHTOOL_GTXCSUM", (long) ETHTOOL_GTXCSUM);
            t.put("ETHTOOL_GTSO", (long) ETHTOOL_GTSO);
            t.put("ETHTOOL_GGSO", (long) ETHTOOL_GGSO);
            t.put("ETHTOOL_GFLAGS", (long) ETHTOOL_GFLAGS);
            t.put("ETHTOOL_GGRO", (long) ETHTOOL_GGRO);
            t.put("ETH_FLAG_LRO", (long) ETH_FLAG_LRO);
        }
        return Collections.unmodifiableMap(t);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
