package org.kttcp4j.abi;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What one target kernel expects at its system-call boundary: constants, errno numbers and texts, the
 * sockaddr encoding, and the symbol names its libc exports for the calls whose ABI was versioned.
 * Chosen for the kernel the calls go to, not for the host: a NetBSD rump kernel loaded on Linux takes
 * NetBSD's ABI. Instances: {@link #netbsd()} and {@link #linux()}.
 */
public final class Abi {
    private final String name;
    private final Map<Constant, Integer> constants;
    private final ErrnoTable errno;
    private final SockaddrFormat sockaddrs;
    private final Map<String, String> symbols;

    Abi(String name, Map<Constant, Integer> constants, ErrnoTable errno, SockaddrFormat sockaddrs,
            Map<String, String> symbols) {
        this.name = name;
        this.constants = Collections.unmodifiableMap(new EnumMap<>(constants));
        this.errno = errno;
        this.sockaddrs = sockaddrs;
        this.symbols = Map.copyOf(symbols);
    }

    public static Abi netbsd() {
        return NetBsdAbi.INSTANCE;
    }

    public static Abi linux() {
        return LinuxAbi.INSTANCE;
    }

    /** The ABI of the kernel this JVM runs on, or an error naming the OS when kttcp4j has no table for it. */
    public static Abi host() {
        String os = System.getProperty("os.name", "");
        if (os.equalsIgnoreCase("NetBSD")) {
            return netbsd();
        }
        if (os.equalsIgnoreCase("Linux")) {
            return linux();
        }
        throw new UnsupportedOperationException("kttcp4j has no system-call table for " + os
                + "; native engines run on NetBSD and Linux (the nio engine runs anywhere: `engine` nio)");
    }

    /** "netbsd" or "linux". */
    public String name() {
        return name;
    }

    public int get(Constant c) {
        Integer v = constants.get(c);
        if (v == null) {
            throw new UnsupportedOperationException(c + " does not exist on " + name);
        }
        return v;
    }

    public OptionalInt find(Constant c) {
        Integer v = constants.get(c);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    public Map<Constant, Integer> constants() {
        return constants;
    }

    public ErrnoTable errno() {
        return errno;
    }

    /** The libc symbol to bind for a POSIX name (e.g. socket -> __socket30 on NetBSD). */
    public String symbol(String posixName) {
        return symbols.getOrDefault(posixName, posixName);
    }

    public Map<String, String> renamedSymbols() {
        return symbols;
    }

    /** kern.sbmax's default on NetBSD (docs/netbsd.md, "mbufs and the socket-buffer limit"). */
    public static final int NETBSD_SB_MAX_DEFAULT = NetBsdAbi.SB_MAX_DEFAULT;

    /**
     * NetBSD: the largest SO_SNDBUF/SO_RCVBUF the kernel accepts with kern.sbmax = sbmax,
     * sbmax * MCLBYTES / (MSIZE + MCLBYTES) (src: sys/kern/uipc_socket2.c): 209715 on LP64 with the default.
     */
    public static long netbsdLargestSocketBuffer(long sbmax, boolean lp64) {
        return sbmax * NetBsdAbi.MCLBYTES / (NetBsdAbi.msize(lp64) + NetBsdAbi.MCLBYTES);
    }

    /** NetBSD: the smallest kern.sbmax that lets a socket buffer of the given size be set. */
    public static long netbsdSbmaxFor(long bytes, boolean lp64) {
        long m = NetBsdAbi.msize(lp64) + NetBsdAbi.MCLBYTES;
        return (bytes * m + NetBsdAbi.MCLBYTES - 1) / NetBsdAbi.MCLBYTES;
    }

    /**
     * The most CPUs -A/--affinity takes: glibc's CPU_SETSIZE, 1024 (bits/cpu-set.h); a Linux cpu_set_t is
     * {@link #LINUX_CPU_SET_BYTES} bytes. NetBSD sizes its cpuset_t at run time (docs/netbsd.md, "CPU affinity").
     */
    public static final int LINUX_CPU_SETSIZE = LinuxAbi.CPU_SETSIZE;
    public static final int LINUX_CPU_SET_BYTES = LinuxAbi.CPU_SET_BYTES;
    /** NetBSD cpuset_t words are uint32_t (src: common/lib/libc/sys/cpuset.c, CPUSET_SHIFT 5). */
    public static final int NETBSD_CPUSET_WORD_BITS = NetBsdAbi.CPUSET_WORD_BITS;

    /** sizeof(struct sockaddr_in) and sizeof(struct sockaddr_in6): 16 and 28 on both NetBSD and Linux. */
    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN6_SIZE = 28;
    /**
     * struct pollfd: int fd at 0, short events at 4, short revents at 6, 8 bytes, on both NetBSD (src:
     * sys/sys/poll.h) and Linux (include/uapi/asm-generic/poll.h); docs/netbsd.md.
     */
    public static final int POLLFD_SIZE = 8;
    public static final int POLLFD_EVENTS = 4;
    public static final int POLLFD_REVENTS = 6;
    /** Room for any sockaddr accept(2) returns (sizeof(struct sockaddr_storage) is 128 on both). */
    public static final int SOCKADDR_STORAGE_SIZE = 128;

    /** Encodes an address as this kernel's struct sockaddr_in or sockaddr_in6. */
    public byte[] sockaddr(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address + ": resolve it first");
        }
        boolean v6 = ip instanceof Inet6Address;
        ByteBuffer b = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE);
        sockaddrs.writeHeader(b, b.capacity(), get(v6 ? Constant.AF_INET6 : Constant.AF_INET));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort());
        if (v6) {
            b.putInt(0); // sin6_flowinfo
            b.put(ip.getAddress());
            b.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) ip).getScopeId()); // sin6_scope_id, host order
        } else {
            b.put(ip.getAddress()); // followed by sin_zero[8], already zero
        }
        return b.array();
    }

    /** Decodes a sockaddr_in or sockaddr_in6 in this kernel's format (what accept(2) or getsockname(2) filled). */
    public InetSocketAddress parseSockaddr(byte[] raw, int length) {
        ByteBuffer b = ByteBuffer.wrap(raw, 0, length);
        int family = sockaddrs.readFamily(b);
        int port = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort());
        try {
            if (family == get(Constant.AF_INET)) {
                byte[] a = new byte[4];
                b.get(a);
                return new InetSocketAddress(Inet4Address.getByAddress(a), port);
            }
            if (family == get(Constant.AF_INET6)) {
                b.getInt();
                byte[] a = new byte[16];
                b.get(a);
                int scope = b.order(ByteOrder.nativeOrder()).getInt();
                return new InetSocketAddress(Inet6Address.getByAddress(null, a, scope), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: lengths are right
        }
        throw new IllegalArgumentException("not an IPv4 or IPv6 sockaddr on " + name + ": family " + family);
    }

    /** The address family a sockaddr in this kernel's format begins with (raw holds at least its first 2 bytes). */
    public int sockaddrFamily(byte[] raw) {
        return sockaddrs.readFamily(ByteBuffer.wrap(raw, 0, 2));
    }

    /** How a kernel's sockaddrs begin: NetBSD has a length byte and a one-byte family, Linux a 16-bit family. */
    interface SockaddrFormat {
        void writeHeader(ByteBuffer b, int length, int family);

        int readFamily(ByteBuffer b);
    }

    @Override
    public String toString() {
        return name;
    }
}
