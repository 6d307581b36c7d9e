package org.kttcp4j.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.InterfaceAbi;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Syscalls;

/**
 * Which interface holds a connection's local address, and what its kernel says of it ({@link NetInterface}),
 * asked through the kernel seam, so a rump kernel answers for its own interfaces as the host's libc does for the
 * host's. The numbers are {@link InterfaceAbi}'s (docs/netbsd.md, "Network interfaces").
 *
 * <p>Finding it: on Linux getifaddrs(3) (it lists IPv6 addresses too, which Linux's SIOCGIFCONF leaves out);
 * on NetBSD, whose kernels include rump kernels that have no libc, SIOCGIFCONF on the connection's own socket.
 * Then SIOCGIFFLAGS (loopback), SIOCGIFMTU, and per kernel: Linux's SIOCETHTOOL (GSET for the speed, GDRVINFO
 * for a driver the sysfs device link does not name, the ethtool_value offload commands); NetBSD's SIOCGIFMEDIA
 * (the active medium's speed) and SIOCGIFCAP (offloads). A request that fails leaves its field null with a note.
 */
public final class Interfaces {
    private Interfaces() {}

    /**
     * The interface holding local on kernel k, asked with ioctls on socket fd (any socket of that kernel); empty
     * when no interface holds the address or the kernel would not list them (a fake kernel, an unknown host).
     */
    public static Optional<NetInterface> of(Kernel k, int fd, InetAddress address) {
        InetAddress local = Hosts.unmapped(address); // an IPv6 socket's IPv4 connection: the interface holds the IPv4 one
        try {
            InterfaceAbi ia = InterfaceAbi.of(Kernels.abi(k));
            Optional<Listed> listed = ia.netbsd() ? byIfconf(k, fd, local) : byGetifaddrs(k, local);
            return listed.map(l -> describe(k, ia, fd, l));
        } catch (RuntimeException | LinkageError e) { // UnsupportedOperationException, UnsatisfiedLinkError: not this kernel
            return Optional.empty();
        }
    }

    /** The host's kernel, for a connection the JDK made (its descriptor is not ours): a socket of our own asks. */
    public static Optional<NetInterface> ofHost(InetSocketAddress local) {
        if (local == null || local.getAddress() == null) {
            return Optional.empty();
        }
        Kernel k;
        try {
            k = Kernel.host();
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // no system-call table for this OS, or no libc to bind
        }
        Syscalls sys = Kernels.sys(k);
        int fd = sys.socket(Kernels.c(k, Constant.AF_INET), Kernels.c(k, Constant.SOCK_STREAM), 0);
        if (fd < 0) {
            return Optional.empty();
        }
        try {
            return of(k, fd, local.getAddress());
        } finally {
            sys.close(fd);
        }
    }

    private record Listed(String name, Integer flags) {}

    /** getifaddrs: struct ifaddrs begins {ifa_next, ifa_name, unsigned ifa_flags, ifa_addr} on Linux and NetBSD. */
    private static Optional<Listed> byGetifaddrs(Kernel k, InetAddress local) {
        Syscalls sys = Kernels.sys(k);
        Abi abi = Kernels.abi(k);
        Memory head = new Memory(Native.POINTER_SIZE);
        if (sys.getifaddrs(head) != 0) {
            return Optional.empty();
        }
        Pointer list = head.getPointer(0);
        try {
            int p = Native.POINTER_SIZE;
            int flagsAt = 2 * p;
            int addrAt = p == 8 ? 24 : 12; // after the 4-byte flags, pointer-aligned
            for (Pointer a = list; a != null; a = a.getPointer(0)) {
                Pointer sa = a.getPointer(addrAt);
                if (sa == null) {
                    continue;
                }
                Optional<InetAddress> addr = address(abi, sa.getByteArray(0, 2), () -> sa.getByteArray(0,
                        Abi.SOCKADDR_IN6_SIZE), () -> sa.getByteArray(0, Abi.SOCKADDR_IN_SIZE));
                if (addr.isPresent() && addr.get().equals(local)) {
                    return Optional.of(new Listed(a.getPointer(p).getString(0, "US-ASCII"), a.getInt(flagsAt)));
                }
            }
            return Optional.empty();
        } finally {
            sys.freeifaddrs(list);
        }
    }

    /** A sockaddr's IPv4 or IPv6 address; empty for other families (AF_PACKET, AF_LINK). */
    private static Optional<InetAddress> address(Abi abi, byte[] head, java.util.function.Supplier<byte[]> v6,
            java.util.function.Supplier<byte[]> v4) {
        int family = abi.sockaddrFamily(head);
        if (family == abi.get(Constant.AF_INET6)) {
            byte[] raw = v6.get();
            return Optional.of(abi.parseSockaddr(raw, raw.length).getAddress());
        }
        if (family == abi.get(Constant.AF_INET)) {
            byte[] raw = v4.get();
            return Optional.of(abi.parseSockaddr(raw, raw.length).getAddress());
        }
        return Optional.empty();
    }

    /**
     * NetBSD's SIOCGIFCONF: with ifc_req NULL it says how many bytes the list takes, then fills entries of
     * sizeof(struct ifreq), a name and one address each (src: sys/net/if.c ifconf()).
     */
    private static Optional<Listed> byIfconf(Kernel k, int fd, InetAddress local) {
        Syscalls sys = Kernels.sys(k);
        Abi abi = Kernels.abi(k);
        InterfaceAbi ia = InterfaceAbi.of(abi);
        NativeLong req = new NativeLong(ia.siocgifconf());
        Memory ifc = new Memory(InterfaceAbi.ifconfSize());
        ifc.clear();
        if (sys.ioctl(fd, req, ifc) != 0) {
            return Optional.empty();
        }
        int len = ifc.getInt(0) + 4 * ia.ifreqSize(); // room for an interface or two more since the first call
        if (len <= 0 || len > 1 << 20) {
            return Optional.empty();
        }
        Memory buf = new Memory(len);
        buf.clear();
        ifc.setInt(0, len);
        ifc.setPointer(InterfaceAbi.ifconfBufOffset(), buf);
        if (sys.ioctl(fd, req, ifc) != 0) {
            return Optional.empty();
        }
        int filled = Math.min(ifc.getInt(0), len);
        int size = ia.ifreqSize();
        for (int off = 0; off + size <= filled; off += size) {
            int at = off + ia.ifruOffset();
            int saLen = Byte.toUnsignedInt(buf.getByte(at));
            Optional<InetAddress> addr = address(abi, buf.getByteArray(at, 2),
                    () -> buf.getByteArray(at, Math.max(saLen, Abi.SOCKADDR_IN6_SIZE)),
                    () -> buf.getByteArray(at, Math.max(saLen, Abi.SOCKADDR_IN_SIZE)));
            if (addr.isPresent() && addr.get().equals(local)) {
                return Optional.of(new Listed(name(buf.getByteArray(off, InterfaceAbi.IFNAMSIZ)), null));
            }
        }
        return Optional.empty();
    }

    private static String name(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    private static NetInterface describe(Kernel k, InterfaceAbi ia, int fd, Listed l) {
        List<String> notes = new ArrayList<>();
        Integer flags = l.flags();
        if (flags == null) {
            Memory r = ifreq(ia, l.name());
            flags = ioctl(k, fd, ia.siocgifflags(), r, "SIOCGIFFLAGS", notes) ? (int) r.getShort(ia.ifruOffset()) : null;
        }
        boolean loopback = flags != null && (flags & InterfaceAbi.IFF_LOOPBACK) != 0;
        Memory r = ifreq(ia, l.name());
        Integer mtu = ioctl(k, fd, ia.siocgifmtu(), r, "SIOCGIFMTU", notes) ? r.getInt(ia.ifruOffset()) : null;
        if (loopback) {
            notes.add("loopback: no link speed, so no line");
        }
        return ia.netbsd() ? netbsd(k, ia, fd, l.name(), loopback, mtu, notes)
                : linux(k, ia, fd, l.name(), loopback, mtu, notes);
    }

    private static NetInterface netbsd(Kernel k, InterfaceAbi ia, int fd, String name, boolean loopback, Integer mtu,
            List<String> notes) {
        String driver = name.replaceFirst("[0-9]+$", "");
        Long speed = null;
        String media = null;
        Memory m = new Memory(InterfaceAbi.netbsdIfmediareqSize());
        m.clear();
        m.write(0, nameBytes(name), 0, InterfaceAbi.IFNAMSIZ);
        if (ioctl(k, fd, InterfaceAbi.siocgifmedia(), m, "SIOCGIFMEDIA", notes)) {
            int status = m.getInt(InterfaceAbi.IFMEDIAREQ_STATUS);
            int active = m.getInt(InterfaceAbi.IFMEDIAREQ_ACTIVE);
            media = String.format("0x%08x", active);
            boolean up = (status & InterfaceAbi.IFM_AVALID) != 0 && (status & InterfaceAbi.IFM_ACTIVE) != 0;
            if (!up) {
                notes.add("SIOCGIFMEDIA: no active medium (status " + String.format("0x%x", status) + ")");
            } else {
                var s = InterfaceAbi.netbsdMediaSpeed(active);
                if (s.isPresent()) {
                    speed = s.getAsLong();
                } else {
                    notes.add("SIOCGIFMEDIA: the active medium " + media + " names no speed in if_media.h's table");
                }
            }
        } else if (!loopback) {
            notes.add("no media: the interface has no link speed to report");
        }
        List<String> enabled = new ArrayList<>();
        List<String> available = null;
        Memory c = new Memory(InterfaceAbi.NETBSD_IFCAPREQ_SIZE);
        c.clear();
        c.write(0, nameBytes(name), 0, InterfaceAbi.IFNAMSIZ);
        if (ioctl(k, fd, InterfaceAbi.siocgifcap(), c, "SIOCGIFCAP", notes)) {
            long caps = c.getLong(InterfaceAbi.IFNAMSIZ);
            long on = c.getLong(InterfaceAbi.IFNAMSIZ + 8);
            available = new ArrayList<>();
            for (Map.Entry<String, Long> e : InterfaceAbi.NETBSD_OFFLOADS.entrySet()) {
                if ((caps & e.getValue()) != 0) {
                    available.add(e.getKey());
                }
                if ((on & e.getValue()) != 0) {
                    enabled.add(e.getKey());
                }
            }
        }
        return new NetInterface(name, driver, loopback, speed, mtu, media, enabled, available, notes);
    }

    private static NetInterface linux(Kernel k, InterfaceAbi ia, int fd, String name, boolean loopback, Integer mtu,
            List<String> notes) {
        String driver = sysfsDriver(name).orElse(null);
        Memory drv = ethtool(k, ia, fd, name, InterfaceAbi.ETHTOOL_GDRVINFO, "ETHTOOL_GDRVINFO",
                InterfaceAbi.ETHTOOL_DRVINFO_SIZE, driver == null ? notes : new ArrayList<>());
        if (driver == null && drv != null) {
            String d = name(drv.getByteArray(InterfaceAbi.ETHTOOL_DRVINFO_DRIVER, InterfaceAbi.ETHTOOL_DRIVER_LEN));
            driver = d.isEmpty() ? null : d;
        }
        Long speed = null;
        Memory cmd = ethtool(k, ia, fd, name, InterfaceAbi.ETHTOOL_GSET, "ETHTOOL_GSET", InterfaceAbi.ETHTOOL_CMD_SIZE,
                loopback ? new ArrayList<>() : notes);
        if (cmd != null) {
            long mbits = Short.toUnsignedLong(cmd.getShort(InterfaceAbi.ETHTOOL_CMD_SPEED))
                    | Short.toUnsignedLong(cmd.getShort(InterfaceAbi.ETHTOOL_CMD_SPEED_HI)) << 16;
            if (mbits == InterfaceAbi.LINUX_SPEED_UNKNOWN || mbits == 0) {
                if (!loopback) {
                    notes.add("ethtool: the driver reports no speed (SPEED_UNKNOWN)");
                }
            } else {
                speed = mbits * 1_000_000L;
            }
        }
        List<String> enabled = new ArrayList<>();
        for (Map.Entry<String, Integer> e : InterfaceAbi.LINUX_OFFLOADS.entrySet()) {
            Memory v = ethtool(k, ia, fd, name, e.getValue(), "ETHTOOL " + e.getKey(), InterfaceAbi.ETHTOOL_VALUE_SIZE,
                    new ArrayList<>());
            if (v == null) {
                continue;
            }
            int data = v.getInt(4);
            boolean on = e.getValue() == InterfaceAbi.ETHTOOL_GFLAGS ? (data & InterfaceAbi.ETH_FLAG_LRO) != 0 : data != 0;
            if (on) {
                enabled.add(e.getKey());
            }
        }
        return new NetInterface(name, driver, loopback, speed, mtu, null, enabled, null, notes);
    }

    /** /sys/class/net/NAME/device/driver: a link to the bound driver (a physical device; none for veth, lo). */
    private static Optional<String> sysfsDriver(String name) {
        Path link = Path.of("/sys/class/net", name, "device", "driver");
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIOCETHTOOL with an ethtool struct of size bytes whose first u32 is cmd; null (and a note) when it fails. */
    private static Memory ethtool(Kernel k, InterfaceAbi ia, int fd, String name, int cmd, String label, int size,
            List<String> notes) {
        Memory data = new Memory(size);
        data.clear();
        data.setInt(0, cmd);
        Memory r = ifreq(ia, name);
        r.setPointer(ia.ifruOffset(), data);
        boolean ok = ioctl(k, fd, InterfaceAbi.LINUX_SIOCETHTOOL, r, "SIOCETHTOOL " + label, notes);
        return ok ? data : null;
    }

    private static Memory ifreq(InterfaceAbi ia, String name) {
        Memory r = new Memory(ia.ifreqSize());
        r.clear();
        r.write(0, nameBytes(name), 0, InterfaceAbi.IFNAMSIZ);
        return r;
    }

    private static byte[] nameBytes(String name) {
        byte[] b = new byte[InterfaceAbi.IFNAMSIZ];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, b, 0, Math.min(n.length, InterfaceAbi.IFNAMSIZ - 1));
        return b;
    }

    private static boolean ioctl(Kernel k, int fd, long request, Pointer arg, String call, List<String> notes) {
        if (Kernels.sys(k).ioctl(fd, new NativeLong(request), arg) == 0) {
            return true;
        }
        notes.add(k.error(call).getMessage()); // "SIOCGIFMEDIA: ENOTTY (25) Inappropriate ioctl for device"
        return false;
    }
}
