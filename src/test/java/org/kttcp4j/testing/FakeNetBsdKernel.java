package org.kttcp4j.testing;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpIoArgs;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Syscalls;

/**
 * A NetBSD kernel for tests on Linux: kttcp4j talks to it in NetBSD's ABI (its constants, sockaddrs with sin_len,
 * NetBSD errno numbers), as it talks to a real NetBSD kernel or a rump kernel.
 *
 * <p>Sockets are the host's: every socket call is translated from NetBSD's constants and sockaddr format to
 * Linux's and back (errno included), so connect, accept, EOF and resets are real, and runs over it are real runs
 * on 127.0.0.1. /dev/kttcp is this class: open gives a descriptor of its own (a host /dev/null descriptor, so the
 * number is unique and closes like any other), and ioctl applies kttcp.c's checks in the order docs/netbsd.md
 * ("Kernel semantics", src: sys/dev/kttcp.c) gives them, then asks the {@link Script} what a valid request does:
 * move the bytes over the real socket ({@link Reply#wire()}: SEND writes them, RECV reads until the count or
 * EOF), report a count and an elapsed time without touching the socket ({@link Reply#moved}), or fail with an
 * errno ({@link Reply#error}). Like the real ioctl path, a failed request copies nothing back into the struct.
 * Every request is recorded ({@link #calls()}) with the struct's bytes as kttcp4j wrote them.
 */
public final class FakeNetBsdKernel implements Syscalls {
    /** The requests of docs/netbsd.md's table (LP64 and earm: a 40-byte struct; i386: 36). */
    public static final long SEND_LP64 = 0xc0284b00L;
    public static final long RECV_LP64 = 0xc0284b01L;
    static final long SEND_I386 = 0xc0244b00L;
    static final long RECV_I386 = 0xc0244b01L;

    private static final Abi N = Abi.netbsd();
    private static final Abi L = Abi.linux();
    private static final Syscalls HOST = Kernels.sys(Kernel.host());
    /** Linux's SO_TYPE (include/uapi/asm-generic/socket.h): asks the host whether a number is a socket. */
    private static final int LINUX_SO_TYPE = 3;

    /** One kttcp request as the kernel saw it. */
    public record IoctlCall(int deviceFd, long request, boolean send, int nth, long totalSize, int socket,
            byte[] struct) {}

    /** What a valid SEND or RECV does. */
    public record Reply(Kind kind, long bytes, long elapsedMicros, String errno) {
        enum Kind { WIRE, MOVED, ERROR }

        /** Moves the bytes over the real socket, as kttcp.c's loop does; elapsed is the loop's wall time. */
        public static Reply wire() {
            return new Reply(Kind.WIRE, 0, 0, null);
        }

        /** Reports bytes moved in elapsedMicros without touching the socket. */
        public static Reply moved(long bytes, long elapsedMicros) {
            return new Reply(Kind.MOVED, bytes, elapsedMicros, null);
        }

        /** Fails with a NetBSD errno, by name ("ECONNRESET"). */
        public static Reply error(String errno) {
            return new Reply(Kind.ERROR, 0, 0, errno);
        }
    }

    /** Decides what a valid request does. */
    @FunctionalInterface
    public interface Script {
        Reply reply(IoctlCall call);
    }

    private final Kernel kernel = Kernels.of("fake-netbsd", N, this);
    private final Map<Integer, Boolean> devices = new ConcurrentHashMap<>(); // fd -> open for writing
    private final Set<Integer> sockets = ConcurrentHashMap.newKeySet(); // made by socket or accept, not closed
    private final List<IoctlCall> calls = new ArrayList<>();
    private final List<int[]> sockopts = new ArrayList<>();
    /** The requests of ioctls on descriptors that are not the device (a socket's SIOCGIF*), each refused. */
    private final List<Long> refused = new ArrayList<>();
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicInteger recvs = new AtomicInteger();
    private final ThreadLocal<int[]> errno = ThreadLocal.withInitial(() -> new int[1]);
    private volatile Script script = c -> Reply.wire();
    private volatile String openError;
    private volatile boolean inet6 = true;
    private final AtomicInteger refusedInet6 = new AtomicInteger();

    /** The Kernel to hand to KttcpDevice, Engines and Run. */
    public Kernel kernel() {
        return kernel;
    }

    public FakeNetBsdKernel script(Script s) {
        this.script = s;
        return this;
    }

    /** open("/dev/kttcp") fails with this NetBSD errno (ENOENT: no node; ENXIO: no pseudo-device), or works (null). */
    public FakeNetBsdKernel openFails(String errnoName) {
        this.openError = errnoName;
        return this;
    }

    /**
     * A kernel without `options INET6`: socket(AF_INET6) fails with EAFNOSUPPORT, as NetBSD's socreate does for a
     * domain it does not have (sys/kern/uipc_socket.c: pffinddomain, docs/netbsd.md "Without IPv6").
     */
    public FakeNetBsdKernel withoutInet6() {
        this.inet6 = false;
        return this;
    }

    /** How many socket(AF_INET6) calls were refused (withoutInet6). */
    public int refusedInet6() {
        return refusedInet6.get();
    }

    /** Every kttcp request so far, in order. */
    public synchronized List<IoctlCall> calls() {
        return List.copyOf(calls);
    }

    public List<IoctlCall> calls(boolean send) {
        return calls().stream().filter(c -> c.send() == send).toList();
    }

    /** Every setsockopt so far as {level, name, value}, in NetBSD's numbers. */
    /** The requests ioctl refused on descriptors that are not the device, in order (as unsigned 32-bit values). */
    public synchronized List<Long> refusedRequests() {
        return List.copyOf(refused);
    }

    public synchronized List<int[]> sockopts() {
        return List.copyOf(sockopts);
    }

    /** How many /dev/kttcp descriptors are open. */
    public int openDevices() {
        return devices.size();
    }

    /**
     * How many sockets this kernel made (socket, accept) that are not closed: the leak check of the code under
     * test alone, which the process's own count is not (the JVM opens descriptors of its own the first time a
     * test needs them, and keeps them).
     */
    public int openSockets() {
        return sockets.size();
    }

    private int made(int fd) {
        if (fd >= 0) {
            sockets.add(fd);
        }
        return fd;
    }

    private int fail(String name) {
        errno.get()[0] = N.errno().require(name);
        return -1;
    }

    /** A host call's result, its errno renamed into NetBSD's number. */
    private int host(int r) {
        if (r == -1) {
            String name = L.errno().lookup(HOST.errno()).name();
            errno.get()[0] = N.errno().number(name).orElse(1000 + HOST.errno()); // "errno 10xx": unknown, visible
        }
        return r;
    }

    @Override
    public int errno() {
        return errno.get()[0];
    }

    @Override
    public int open(String path, int flags, int mode) {
        int access = flags & 3; // O_ACCMODE, the same on both
        if (path.equals("/dev/kttcp")) {
            if (openError != null) {
                return fail(openError);
            }
            int fd = host(HOST.open("/dev/null", L.get(Constant.O_RDWR), 0));
            if (fd >= 0) {
                devices.put(fd, access != N.get(Constant.O_RDONLY));
            }
            return fd;
        }
        return host(HOST.open(path, access, mode));
    }

    @Override
    public int close(int fd) {
        devices.remove(fd);
        sockets.remove(fd);
        return host(HOST.close(fd));
    }

    @Override
    public int ioctl(int fd, NativeLong request, Pointer arg) {
        long req = request.longValue() & 0xffffffffL;
        Boolean writable = devices.get(fd);
        if (writable == null) {
            // the generic ioctl code: a bad number is EBADF; a descriptor whose driver lacks the request ENOTTY
            synchronized (this) {
                refused.add(req);
            }
            int[] v = {0};
            int r = host(HOST.getsockopt(fd, L.get(Constant.SOL_SOCKET), LINUX_SO_TYPE, v, new int[] {4}));
            return r == -1 && errno() == N.errno().require("EBADF") ? -1 : fail("ENOTTY");
        }
        if (!writable) {
            return fail("EPERM"); // kttcp.c: (flag & FWRITE) == 0, before the request is looked at
        }
        boolean lp64 = Native.LONG_SIZE == 8;
        boolean send = req == (lp64 ? SEND_LP64 : SEND_I386);
        boolean recv = req == (lp64 ? RECV_LP64 : RECV_I386);
        if (!send && !recv) {
            return fail(((req >> 8) & 0xff) == 'K' ? "EINVAL" : "ENOTTY");
        }
        KttcpIoArgs args = Structure.newInstance(KttcpIoArgs.class, arg);
        args.read();
        IoctlCall call;
        synchronized (this) {
            call = new IoctlCall(fd, req, send, (send ? sends : recvs).incrementAndGet(), args.kio_totalsize,
                    args.kio_socket, arg.getByteArray(0, args.size()));
            calls.add(call);
        }
        if (send ? Long.compareUnsigned(args.kio_totalsize, 0x7fffffffL) >= 0
                : Long.compareUnsigned(args.kio_totalsize, 0x7fffffffL) > 0) {
            return fail("EINVAL");
        }
        int[] type = {0};
        if (host(HOST.getsockopt(args.kio_socket, L.get(Constant.SOL_SOCKET), LINUX_SO_TYPE, type,
                new int[] {4})) == -1) {
            return -1; // EBADF or ENOTSOCK, as fd_getsock gives them
        }
        if (!connected(args.kio_socket)) {
            return fail("ENOTCONN"); // kttcp_sosend and kttcp_soreceive: not SS_ISCONNECTED
        }
        Reply reply = script.reply(call);
        long done;
        long micros;
        switch (reply.kind()) {
            case ERROR -> {
                return fail(reply.errno());
            }
            case MOVED -> {
                done = reply.bytes();
                micros = reply.elapsedMicros();
            }
            default -> {
                long t0 = System.nanoTime();
                done = send ? wireSend(args.kio_socket, args.kio_totalsize) : wireRecv(args.kio_socket, args.kio_totalsize);
                if (done < 0) {
                    return -1;
                }
                micros = (System.nanoTime() - t0) / 1000;
            }
        }
        args.kio_bytesdone = done;
        args.kio_elapsed.tv_sec = micros / 1_000_000;
        args.kio_elapsed.tv_usec = (int) (micros % 1_000_000);
        args.write();
        return 0;
    }

    private static final int WIRE_BUFFER = 1 << 20;
    /** Linux's MSG_DONTWAIT (include/linux/socket.h). */
    private static final int LINUX_MSG_DONTWAIT = 0x40;

    /**
     * Whether a host TCP socket was ever connected: a one-byte MSG_PEEK|MSG_DONTWAIT recv gives ENOTCONN only on
     * a socket that never was (Linux tcp_recvmsg); a connected one gives data, EAGAIN, or 0 once shut down.
     */
    private boolean connected(int socket) {
        try (Memory m = new Memory(1)) {
            int r = HOST.recvfrom(socket, m, 1, L.get(Constant.MSG_PEEK) | LINUX_MSG_DONTWAIT, null, null);
            return r != -1 || !"ENOTCONN".equals(L.errno().lookup(HOST.errno()).name());
        }
    }

    /** kttcp_send: until every byte is queued or an error (returned as is, nothing copied back). */
    private long wireSend(int socket, long total) {
        try (Memory m = new Memory(WIRE_BUFFER)) {
            m.clear();
            long done = 0;
            while (done < total) {
                int n = host(HOST.write(socket, m, (int) Math.min(WIRE_BUFFER, total - done)));
                if (n == -1) {
                    return -1;
                }
                done += n;
            }
            return done;
        }
    }

    /** kttcp_recv: until the count, an error, or the peer's EOF (a success with fewer bytes). */
    private long wireRecv(int socket, long total) {
        try (Memory m = new Memory(WIRE_BUFFER)) {
            long done = 0;
            while (done < total) {
                int n = host(HOST.read(socket, m, (int) Math.min(WIRE_BUFFER, total - done)));
                if (n == -1) {
                    return errno() == N.errno().require("EPIPE") ? done : -1;
                }
                if (n == 0) {
                    break;
                }
                done += n;
            }
            return done;
        }
    }

    // --- sockets: NetBSD's numbers and sockaddrs in, the host's calls, NetBSD's numbers and sockaddrs out ---

    @Override
    public int socket(int domain, int type, int protocol) {
        Integer d = domain == N.get(Constant.AF_INET) ? L.get(Constant.AF_INET)
                : domain == N.get(Constant.AF_INET6) ? L.get(Constant.AF_INET6) : null;
        if (d == null) {
            return fail("EAFNOSUPPORT");
        }
        if (domain == N.get(Constant.AF_INET6) && !inet6) {
            refusedInet6.incrementAndGet();
            return fail("EAFNOSUPPORT");
        }
        if (type != N.get(Constant.SOCK_STREAM)) {
            return fail("EINVAL");
        }
        return made(host(HOST.socket(d, L.get(Constant.SOCK_STREAM), protocol)));
    }

    /** A NetBSD sockaddr (u8 len, u8 family) as Linux's (u16 family in host order); null for another family. */
    static byte[] toLinux(byte[] sa, int length) {
        if (length < 2 || (sa[0] & 0xff) != length) {
            return null; // kttcp4j always fills sin_len with the struct's size
        }
        int family = sa[1] & 0xff;
        int f = family == N.get(Constant.AF_INET) ? L.get(Constant.AF_INET)
                : family == N.get(Constant.AF_INET6) ? L.get(Constant.AF_INET6) : -1;
        if (f < 0) {
            return null;
        }
        byte[] out = sa.clone();
        java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.nativeOrder()).putShort((short) f);
        return out;
    }

    static void toNetbsd(byte[] sa, int length) {
        int f = java.nio.ByteBuffer.wrap(sa).order(java.nio.ByteOrder.nativeOrder()).getShort() & 0xffff;
        sa[0] = (byte) length;
        sa[1] = (byte) (f == L.get(Constant.AF_INET6) ? N.get(Constant.AF_INET6) : N.get(Constant.AF_INET));
    }

    @Override
    public int bind(int fd, byte[] sa, int len) {
        byte[] l = toLinux(sa, len);
        return l == null ? fail("EINVAL") : host(HOST.bind(fd, l, len));
    }

    @Override
    public int connect(int fd, byte[] sa, int len) {
        byte[] l = toLinux(sa, len);
        return l == null ? fail("EINVAL") : host(HOST.connect(fd, l, len));
    }

    @Override
    public int listen(int fd, int backlog) {
        return host(HOST.listen(fd, backlog));
    }

    @Override
    public int accept(int fd, byte[] sa, int[] len) {
        int r = made(host(HOST.accept(fd, sa, len)));
        if (r >= 0) {
            toNetbsd(sa, len[0]);
        }
        return r;
    }

    @Override
    public int getsockname(int fd, byte[] sa, int[] len) {
        int r = host(HOST.getsockname(fd, sa, len));
        if (r == 0) {
            toNetbsd(sa, len[0]);
        }
        return r;
    }

    /** {level, name} in Linux's numbers for NetBSD's, or null for an option this fake does not know. */
    private static int[] option(int level, int name) {
        Constant[][] known = {
            {Constant.SOL_SOCKET, Constant.SO_REUSEADDR}, {Constant.SOL_SOCKET, Constant.SO_SNDBUF},
            {Constant.SOL_SOCKET, Constant.SO_RCVBUF}, {Constant.SOL_SOCKET, Constant.SO_RCVLOWAT},
            {Constant.IPPROTO_TCP, Constant.TCP_NODELAY}, {Constant.IPPROTO_IPV6, Constant.IPV6_V6ONLY},
        };
        for (Constant[] k : known) {
            if (N.get(k[0]) == level && N.get(k[1]) == name) {
                return new int[] {L.get(k[0]), L.get(k[1])};
            }
        }
        return null;
    }

    @Override
    public int setsockopt(int fd, int level, int name, int[] value, int length) {
        synchronized (this) {
            sockopts.add(new int[] {level, name, value[0]});
        }
        int[] o = option(level, name);
        return o == null ? fail("EINVAL") : host(HOST.setsockopt(fd, o[0], o[1], value, length));
    }

    @Override
    public int getsockopt(int fd, int level, int name, int[] value, int[] length) {
        int[] o = option(level, name);
        return o == null ? fail("EINVAL") : host(HOST.getsockopt(fd, o[0], o[1], value, length));
    }

    /** Byte-buffer options (TCP_INFO, TCP_CONGESTION): only those whose bytes mean the same on both kernels. */
    @Override
    public int setsockopt(int fd, int level, int name, byte[] value, int length) {
        int[] o = option(level, name);
        return o == null ? fail("EINVAL") : host(HOST.setsockopt(fd, o[0], o[1], value, length));
    }

    @Override
    public int getsockopt(int fd, int level, int name, byte[] value, int[] length) {
        int[] o = option(level, name); // NetBSD's struct tcp_info is not Linux's: the fake answers EINVAL for it
        return o == null ? fail("EINVAL") : host(HOST.getsockopt(fd, o[0], o[1], value, length));
    }

    @Override
    public int shutdown(int fd, int how) {
        return host(HOST.shutdown(fd, how)); // SHUT_RD/WR/RDWR are 0, 1, 2 on both
    }

    @Override
    public int read(int fd, Pointer buffer, int count) {
        return host(HOST.read(fd, buffer, count));
    }

    @Override
    public int write(int fd, Pointer buffer, int count) {
        return host(HOST.write(fd, buffer, count));
    }

    @Override
    public int recvfrom(int fd, Pointer buffer, int count, int flags, Pointer from, Pointer fromLength) {
        int f = linuxFlags(flags);
        return f < 0 ? fail("EINVAL") : host(HOST.recvfrom(fd, buffer, count, f, from, fromLength));
    }

    @Override
    public int sendto(int fd, Pointer buffer, int count, int flags, Pointer to, int toLength) {
        int f = linuxFlags(flags);
        return f < 0 ? fail("EINVAL") : host(HOST.sendto(fd, buffer, count, f, to, toLength));
    }

    /** NetBSD's MSG_ flags as Linux's, or -1 when one is not NetBSD's (the kernel's EINVAL, for the test). */
    private static int linuxFlags(int flags) {
        int f = 0;
        for (Constant c : new Constant[] {Constant.MSG_PEEK, Constant.MSG_WAITALL, Constant.MSG_NOSIGNAL,
                Constant.MSG_TRUNC, Constant.MSG_DONTWAIT}) {
            if ((flags & N.get(c)) != 0) {
                f |= L.get(c);
                flags &= ~N.get(c);
            }
        }
        return flags != 0 ? -1 : f;
    }

    /** POLLIN and POLLOUT are 1 and 4 on both kernels, and struct pollfd the same 8 bytes (docs/netbsd.md). */
    @Override
    public int poll(Pointer fds, int nfds, int timeoutMillis) {
        return host(HOST.poll(fds, nfds, timeoutMillis));
    }
}
