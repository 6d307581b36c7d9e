package org.kttcp4j.abi;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * NetBSD's system-call ABI. Every number is from docs/netbsd.md (itself from NetBSD's sources) unless
 * a comment names another NetBSD source file; AbiTest pins each one.
 */
final class NetBsdAbi {
    private NetBsdAbi() {}

    static final Abi INSTANCE = new Abi("netbsd", constants(), errno(), new Header(), symbols());

    private static Map<Constant, Integer> constants() {
        Map<Constant, Integer> c = new EnumMap<>(Constant.class);
        c.put(Constant.AF_INET, 2);
        c.put(Constant.AF_INET6, 24);
        c.put(Constant.SOCK_STREAM, 1);
        c.put(Constant.SOL_SOCKET, 0xffff);
        c.put(Constant.SO_REUSEADDR, 0x0004);
        c.put(Constant.SO_SNDBUF, 0x1001);
        c.put(Constant.SO_RCVBUF, 0x1002);
        c.put(Constant.SO_RCVLOWAT, 0x1004); // src: sys/sys/socket.h
        c.put(Constant.SO_NOSIGPIPE, 0x0800);
        c.put(Constant.IPPROTO_TCP, 6);
        c.put(Constant.TCP_NODELAY, 1);
        c.put(Constant.TCP_MAXSEG, 2); // src: sys/netinet/tcp.h
        c.put(Constant.TCP_INFO, 9); // src: sys/netinet/tcp.h: struct tcp_info, see TcpInfoLayout
        // src: sys/netinet/tcp.h declares TCP_CONGCTL 0x20, but sys/netinet/tcp_usrreq.c (tcp_ctloutput) has its
        // get and set cases under #ifdef notyet: the kernel answers ENOPROTOOPT. The system-wide sysctl
        // net.inet.tcp.congctl.selected chooses the algorithm (docs/netbsd.md).
        c.put(Constant.TCP_CONGCTL, 0x20);
        c.put(Constant.IPPROTO_IPV6, 41);
        c.put(Constant.IPV6_V6ONLY, 27);
        c.put(Constant.O_RDONLY, 0);
        c.put(Constant.O_WRONLY, 1);
        c.put(Constant.O_RDWR, 2);
        c.put(Constant.O_NONBLOCK, 0x4);
        c.put(Constant.O_CLOEXEC, 0x400000);
        c.put(Constant.SHUT_RD, 0);
        c.put(Constant.SHUT_WR, 1);
        c.put(Constant.SHUT_RDWR, 2);
        // src: sys/sys/socket.h (NetBSD/src): MSG_PEEK 0x0002, MSG_WAITALL 0x0040, MSG_NOSIGNAL 0x0400.
        c.put(Constant.MSG_PEEK, 0x2);
        c.put(Constant.MSG_WAITALL, 0x40);
        c.put(Constant.MSG_NOSIGNAL, 0x400);
        c.put(Constant.MSG_TRUNC, 0x10); // src: sys/sys/socket.h
        c.put(Constant.MSG_DONTWAIT, 0x80); // src: sys/sys/socket.h
        c.put(Constant.POLLIN, 0x1); // src: sys/sys/poll.h
        c.put(Constant.POLLOUT, 0x4);
        c.put(Constant.RUSAGE_SELF, 0); // src: sys/sys/resource.h
        c.put(Constant.RTLD_NOW, 0x2); // src: include/dlfcn.h
        c.put(Constant.RTLD_GLOBAL, 0x100);
        return c;
    }

    /** Names and texts as NetBSD's sys/sys/errno.h comments (and so its strerror) give them. */
    private static ErrnoTable errno() {
        return new ErrnoTable()
                .add("EPERM", 1, "Operation not permitted")
                .add("ESRCH", 3, "No such process") // src: sys/sys/errno.h
                .add("ENOENT", 2, "No such file or directory")
                .add("EINTR", 4, "Interrupted system call")
                .add("EIO", 5, "Input/output error") // src: sys/sys/errno.h
                .add("ENXIO", 6, "Device not configured")
                .add("EBADF", 9, "Bad file descriptor")
                .add("ENOMEM", 12, "Cannot allocate memory") // src: sys/sys/errno.h
                .add("EACCES", 13, "Permission denied")
                .add("EFAULT", 14, "Bad address") // src: sys/sys/errno.h
                .add("EBUSY", 16, "Device busy") // src: sys/sys/errno.h
                .add("ENODEV", 19, "Operation not supported by device")
                .add("EINVAL", 22, "Invalid argument")
                .add("EMFILE", 24, "Too many open files") // src: sys/sys/errno.h
                .add("ENOTTY", 25, "Inappropriate ioctl for device")
                .add("EPIPE", 32, "Broken pipe")
                .add("EAGAIN", 35, "Resource temporarily unavailable")
                .add("EINPROGRESS", 36, "Operation now in progress") // src: sys/sys/errno.h
                .add("ENOTSOCK", 38, "Socket operation on non-socket")
                .add("EMSGSIZE", 40, "Message too long")
                .add("EOPNOTSUPP", 45, "Operation not supported") // src: sys/sys/errno.h
                .add("EAFNOSUPPORT", 47, "Address family not supported by protocol family") // src: sys/sys/errno.h
                .add("EADDRINUSE", 48, "Address already in use")
                .add("EADDRNOTAVAIL", 49, "Can't assign requested address") // src: sys/sys/errno.h
                .add("ENETUNREACH", 51, "Network is unreachable") // src: sys/sys/errno.h
                .add("ECONNRESET", 54, "Connection reset by peer")
                .add("ENOBUFS", 55, "No buffer space available")
                .add("EISCONN", 56, "Socket is already connected") // src: sys/sys/errno.h
                .add("ENOTCONN", 57, "Socket is not connected")
                .add("ETIMEDOUT", 60, "Operation timed out")
                .add("ECONNREFUSED", 61, "Connection refused")
                .add("EHOSTUNREACH", 65, "No route to host") // src: sys/sys/errno.h
                .add("ENOSYS", 78, "Function not implemented"); // src: sys/sys/errno.h
    }

    /** kern.sbmax's default, SB_MAX (src: sys/sys/socketvar.h; docs/netbsd.md, "mbufs and the socket-buffer limit"). */
    static final int SB_MAX_DEFAULT = 262144;
    /** MCLBYTES, 1 << MCLSHIFT (src: sys/sys/param.h). */
    static final int MCLBYTES = 2048;

    /** MSIZE: 512 on _LP64 ports, 256 on 32-bit ones (src: sys/sys/param.h). */
    static int msize(boolean lp64) {
        return lp64 ? 512 : 256;
    }

    /**
     * A cpuset_t is opaque: libc sizes it at run time (_cpuset_create from hw.ncpu, _cpuset_size), so no size is
     * fixed here; its words are uint32_t, CPU n at bit n & 31 of word n >> 5 (CPUSET_SHIFT 5, CPUSET_MASK 31).
     * src: common/lib/libc/sys/cpuset.c; docs/netbsd.md, "CPU affinity".
     */
    static final int CPUSET_WORD_BITS = 32;

    /** docs/netbsd.md, "Binding libc on NetBSD by name": NetBSD keeps old ABI versions under the plain names. */
    private static Map<String, String> symbols() {
        return Map.of(
                "socket", "__socket30",
                "getrusage", "__getrusage50",
                "gettimeofday", "__gettimeofday50",
                "stat", "__stat50",
                "fstat", "__fstat50");
    }

    /** sockaddr_in/in6 begin with u8 sin_len, u8 sin_family (4.4BSD). */
    private static final class Header implements Abi.SockaddrFormat {
        @Override
        public void writeHeader(ByteBuffer b, int length, int family) {
            b.put((byte) length).put((byte) family);
        }

        @Override
        public int readFamily(ByteBuffer b) {
            b.get(); // sa_len
            return Byte.toUnsignedInt(b.get());
        }
    }
}
