package org.kttcp4j.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.Map;

/**
 * Linux's system-call ABI as glibc on x86_64 and aarch64 presents it (docs/netbsd.md's Linux column; the errno
 * texts are glibc's strerror). Linux has no SO_NOSIGPIPE: sends use MSG_NOSIGNAL and the JVM ignores SIGPIPE.
 */
final class LinuxAbi {
    private LinuxAbi() {}

    static final Abi INSTANCE = new Abi("linux", constants(), errno(), new Header(), Map.of());

    private static Map<Constant, Integer> constants() {
        Map<Constant, Integer> c = new EnumMap<>(Constant.class);
        c.put(Constant.AF_INET, 2);
        c.put(Constant.AF_INET6, 10);
        c.put(Constant.SOCK_STREAM, 1);
        c.put(Constant.SOL_SOCKET, 1);
        c.put(Constant.SO_REUSEADDR, 2);
        c.put(Constant.SO_SNDBUF, 7);
        c.put(Constant.SO_RCVBUF, 8);
        c.put(Constant.SO_RCVLOWAT, 18); // include/uapi/asm-generic/socket.h
        c.put(Constant.IPPROTO_TCP, 6);
        c.put(Constant.TCP_NODELAY, 1);
        c.put(Constant.TCP_MAXSEG, 2); // include/uapi/linux/tcp.h
        c.put(Constant.TCP_INFO, 11); // include/uapi/linux/tcp.h: struct tcp_info, see TcpInfoLayout
        c.put(Constant.TCP_CONGESTION, 13); // include/uapi/linux/tcp.h: the algorithm's name, a string
        c.put(Constant.IPPROTO_IPV6, 41);
        c.put(Constant.IPV6_V6ONLY, 26);
        c.put(Constant.O_RDONLY, 0);
        c.put(Constant.O_WRONLY, 1);
        c.put(Constant.O_RDWR, 2);
        c.put(Constant.O_NONBLOCK, 0x800);
        c.put(Constant.O_CLOEXEC, 0x80000);
        c.put(Constant.SHUT_RD, 0);
        c.put(Constant.SHUT_WR, 1);
        c.put(Constant.SHUT_RDWR, 2);
        c.put(Constant.MSG_PEEK, 0x2);
        c.put(Constant.MSG_WAITALL, 0x100);
        c.put(Constant.MSG_NOSIGNAL, 0x4000);
        c.put(Constant.MSG_TRUNC, 0x20); // include/linux/socket.h
        c.put(Constant.MSG_DONTWAIT, 0x40); // include/linux/socket.h
        c.put(Constant.POLLIN, 0x1); // include/uapi/asm-generic/poll.h
        c.put(Constant.POLLOUT, 0x4);
        c.put(Constant.RUSAGE_SELF, 0); // bits/resource.h
        c.put(Constant.RTLD_NOW, 0x2); // bits/dlfcn.h
        c.put(Constant.RTLD_GLOBAL, 0x100);
        return c;
    }

    /**
     * glibc's CPU_SETSIZE (bits/cpu-set.h, __CPU_SETSIZE 1024): a cpu_set_t is 1024 bits of unsigned long words,
     * 128 bytes, CPU n at bit n % (8 * sizeof(long)) of word n / (8 * sizeof(long)) (the CPU_SET macro).
     * sched_setaffinity(2) with pid 0 acts on the calling thread (man 2 sched_setaffinity).
     */
    static final int CPU_SETSIZE = 1024;
    static final int CPU_SET_BYTES = CPU_SETSIZE / 8;

    private static ErrnoTable errno() {
        return new ErrnoTable()
                .add("EPERM", 1, "Operation not permitted")
                .add("ESRCH", 3, "No such process") // include/uapi/asm-generic/errno-base.h
                .add("ENOENT", 2, "No such file or directory")
                .add("EINTR", 4, "Interrupted system call")
                .add("EIO", 5, "Input/output error")
                .add("ENXIO", 6, "No such device or address")
                .add("EBADF", 9, "Bad file descriptor")
                .add("EAGAIN", 11, "Resource temporarily unavailable")
                .add("ENOMEM", 12, "Cannot allocate memory")
                .add("EACCES", 13, "Permission denied")
                .add("EFAULT", 14, "Bad address")
                .add("EBUSY", 16, "Device or resource busy")
                .add("ENODEV", 19, "No such device")
                .add("EINVAL", 22, "Invalid argument")
                .add("EMFILE", 24, "Too many open files")
                .add("ENOTTY", 25, "Inappropriate ioctl for device")
                .add("EPIPE", 32, "Broken pipe")
                .add("ENOSYS", 38, "Function not implemented")
                .add("ENOTSOCK", 88, "Socket operation on non-socket")
                .add("EMSGSIZE", 90, "Message too long")
                .add("EOPNOTSUPP", 95, "Operation not supported")
                .add("EAFNOSUPPORT", 97, "Address family not supported by protocol")
                .add("EADDRINUSE", 98, "Address already in use")
                .add("EADDRNOTAVAIL", 99, "Cannot assign requested address")
                .add("ENETUNREACH", 101, "Network is unreachable")
                .add("ECONNRESET", 104, "Connection reset by peer")
                .add("ENOBUFS", 105, "No buffer space available")
                .add("EISCONN", 106, "Transport endpoint is already connected")
                .add("ENOTCONN", 107, "Transport endpoint is not connected")
                .add("ETIMEDOUT", 110, "Connection timed out")
                .add("ECONNREFUSED", 111, "Connection refused")
                .add("EHOSTUNREACH", 113, "No route to host")
                .add("EINPROGRESS", 115, "Operation now in progress");
    }

    /** sockaddr_in/in6 begin with a 16-bit sa_family in host byte order. */
    private static final class Header implements Abi.SockaddrFormat {
        @Override
        public void writeHeader(ByteBuffer b, int length, int family) {
            b.order(ByteOrder.nativeOrder()).putShort((short) family);
        }

        @Override
        public int readFamily(ByteBuffer b) {
            return Short.toUnsignedInt(b.order(ByteOrder.nativeOrder()).getShort());
        }
    }
}
