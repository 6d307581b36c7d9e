package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Pins the interface ioctls' numbers to docs/netbsd.md ("Network interfaces") and its Linux table. */
class InterfaceAbiTest {
    private static final InterfaceAbi N = InterfaceAbi.of(Abi.netbsd());
    private static final InterfaceAbi L = InterfaceAbi.of(Abi.linux());

    @Test
    void netbsdRequestsAreIowrOfTheirStructs() {
        assertEquals(144, N.ifreqSize(), "16 + sizeof(struct sockaddr_storage)");
        assertEquals(32, InterfaceAbi.NETBSD_IFCAPREQ_SIZE);
        assertEquals(0xc0906911L, N.siocgifflags(), "_IOWR('i', 17, struct ifreq)");
        assertEquals(0xc090697eL, N.siocgifmtu(), "_IOWR('i', 126, struct ifreq)");
        assertEquals(0xc0206976L, InterfaceAbi.siocgifcap(), "_IOWR('i', 118, struct ifcapreq)");
        if (Native.POINTER_SIZE == 8) { // LP64: amd64, aarch64, sparc64
            assertEquals(48, InterfaceAbi.netbsdIfmediareqSize());
            assertEquals(0xc0306936L, InterfaceAbi.siocgifmedia(), "_IOWR('i', 54, struct ifmediareq)");
            assertEquals(0xc0106926L, N.siocgifconf(), "_IOWR('i', 38, struct ifconf)");
        } else { // i386, earm
            assertEquals(40, InterfaceAbi.netbsdIfmediareqSize());
            assertEquals(0xc0286936L, InterfaceAbi.siocgifmedia());
            assertEquals(0xc0086926L, N.siocgifconf());
        }
        assertEquals(24, InterfaceAbi.IFMEDIAREQ_STATUS);
        assertEquals(28, InterfaceAbi.IFMEDIAREQ_ACTIVE);
    }

    @Test
    void netbsdMediaWordsAndCapabilities() {
        assertEquals(0x20, InterfaceAbi.IFM_ETHER);
        assertEquals(0xe0, InterfaceAbi.IFM_NMASK);
        assertEquals(0x1f, InterfaceAbi.IFM_TMASK);
        assertEquals(1, InterfaceAbi.IFM_AVALID);
        assertEquals(2, InterfaceAbi.IFM_ACTIVE);
        int fdx = 0x00100000; // IFM_FDX
        assertEquals(OptionalLong.of(1_000_000_000L), InterfaceAbi.netbsdMediaSpeed(0x20 | 16 | fdx), "1000baseT");
        assertEquals(OptionalLong.of(10_000_000_000L), InterfaceAbi.netbsdMediaSpeed(0x20 | 26), "10Gbase-T");
        assertEquals(OptionalLong.of(100_000_000L), InterfaceAbi.netbsdMediaSpeed(0x20 | 6 | fdx), "100baseTX");
        assertEquals(OptionalLong.of(2_500_000_000L), InterfaceAbi.netbsdMediaSpeed(0x20 | 21), "2500baseSX");
        assertTrue(InterfaceAbi.netbsdMediaSpeed(0x20 | InterfaceAbi.IFM_AUTO).isEmpty(), "autoselect has no speed");
        assertTrue(InterfaceAbi.netbsdMediaSpeed(0x20 | InterfaceAbi.IFM_NONE).isEmpty());
        assertTrue(InterfaceAbi.netbsdMediaSpeed(0x80 | 16).isEmpty(), "IEEE 802.11 words are not Ethernet's");
        assertTrue(InterfaceAbi.netbsdMediaSpeed(0x20 | 31).isEmpty(), "a subtype the table lacks: no guess");
        assertEquals(0x80, InterfaceAbi.IFCAP_TSOv4);
        assertEquals(0x40000, InterfaceAbi.IFCAP_TSOv6);
        assertEquals(0x80000, InterfaceAbi.IFCAP_LRO);
        assertEquals(0x800, InterfaceAbi.IFCAP_CSUM_TCPv4_Tx);
        assertEquals(0x400, InterfaceAbi.IFCAP_CSUM_TCPv4_Rx);
        assertEquals(0x8, InterfaceAbi.IFF_LOOPBACK);
    }

    @Test
    void linuxNumbersAreSockiosAndEthtoolHeaders() {
        assertEquals(0x8913, L.siocgifflags());
        assertEquals(0x8921, L.siocgifmtu());
        assertEquals(0x8912, L.siocgifconf());
        assertEquals(0x8946, InterfaceAbi.LINUX_SIOCETHTOOL);
        assertEquals(Native.POINTER_SIZE == 8 ? 40 : 32, L.ifreqSize());
        assertEquals(1, InterfaceAbi.ETHTOOL_GSET);
        assertEquals(3, InterfaceAbi.ETHTOOL_GDRVINFO);
        assertEquals(0x14, InterfaceAbi.ETHTOOL_GRXCSUM);
        assertEquals(0x16, InterfaceAbi.ETHTOOL_GTXCSUM);
        assertEquals(0x1e, InterfaceAbi.ETHTOOL_GTSO);
        assertEquals(0x23, InterfaceAbi.ETHTOOL_GGSO);
        assertEquals(0x25, InterfaceAbi.ETHTOOL_GFLAGS);
        assertEquals(0x2b, InterfaceAbi.ETHTOOL_GGRO);
        assertEquals(0x8000, InterfaceAbi.ETH_FLAG_LRO);
        assertEquals(44, InterfaceAbi.ETHTOOL_CMD_SIZE);
        assertEquals(12, InterfaceAbi.ETHTOOL_CMD_SPEED);
        assertEquals(28, InterfaceAbi.ETHTOOL_CMD_SPEED_HI);
        assertEquals(196, InterfaceAbi.ETHTOOL_DRVINFO_SIZE);
    }

    @Test
    void theTableHoldsWhatTheProbeCompares() {
        assertEquals(N.siocgifmtu(), N.table().get("SIOCGIFMTU"));
        assertTrue(N.table().containsKey("SIOCGIFMEDIA") && !N.table().containsKey("SIOCETHTOOL"));
        assertTrue(L.table().containsKey("SIOCETHTOOL") && !L.table().containsKey("SIOCGIFCAP"));
    }
}
