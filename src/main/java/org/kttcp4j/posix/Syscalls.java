package org.kttcp4j.posix;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The system calls kttcp4j makes, as one kernel exports them. Arguments are in that kernel's ABI (its
 * constants and sockaddr format: see {@link org.kttcp4j.abi.Abi}); a call that fails returns -1 and leaves its
 * errno for {@link #errno()}. Implementations: the host's libc ({@link HostSyscalls}), or a NetBSD rump kernel
 * loaded into the process, whose calls take NetBSD's ABI on any host.
 */
public interface Syscalls {
    int open(String path, int flags, int mode);

    int close(int fd);

    /** ioctl(2); the request is C's unsigned long. */
    int ioctl(int fd, NativeLong request, Pointer arg);

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] sockaddr, int length);

    int listen(int fd, int backlog);

    /** length[0] is in/out, as socklen_t*. */
    int accept(int fd, byte[] sockaddr, int[] length);

    int connect(int fd, byte[] sockaddr, int length);

    int getsockname(int fd, byte[] sockaddr, int[] length);

    int setsockopt(int fd, int level, int name, int[] value, int length);

    int getsockopt(int fd, int level, int name, int[] value, int[] length);

    /** setsockopt(2) with a byte buffer: a string option (Linux's TCP_CONGESTION name). */
    int setsockopt(int fd, int level, int name, byte[] value, int length);

    /** getsockopt(2) into a byte buffer (a struct tcp_info, a TCP_CONGESTION name); length[0] is in/out. */
    int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    int shutdown(int fd, int how);

    /*
     * Counts are int, not size_t/ssize_t as NativeLong: kttcp4j never moves more than 2^31-1 bytes per call, an
     * int argument reaches a size_t parameter intact on every ABI (libffi widens it), and an int result is the low
     * half of the ssize_t register, -1 included. All-primitive signatures keep JNA's direct calls on their fast
     * path: a NativeLong result costs a JNI object per call, a NativeLong argument a call back into Java.
     */
    int read(int fd, Pointer buffer, int count);

    int write(int fd, Pointer buffer, int count);

    /** recvfrom(2) with no source address: recv(2) is a libc wrapper, recvfrom the system call. */
    int recvfrom(int fd, Pointer buffer, int count, int flags, Pointer from, Pointer fromLength);

    /** sendto(2) with no address, for a send with flags (MSG_DONTWAIT): send(2) is a libc wrapper. */
    int sendto(int fd, Pointer buffer, int count, int flags, Pointer to, int toLength);

    /**
     * poll(2) on nfds struct pollfd at fds (int fd, short events, short revents: 8 bytes on both kernels,
     * docs/netbsd.md); nfds_t is unsigned int on NetBSD and unsigned long on Linux, which an int reaches intact.
     */
    int poll(Pointer fds, int nfds, int timeoutMillis);

    /**
     * getifaddrs(3) into list[0] (a struct ifaddrs *), freed with {@link #freeifaddrs}: a libc function, not a
     * system call, so only the host's libc has it. A rump kernel lists its interfaces with the SIOCGIFCONF ioctl
     * (net.Interfaces); the default says so.
     */
    default int getifaddrs(Pointer list) {
        throw new UnsupportedOperationException("getifaddrs is the host libc's; ask this kernel with SIOCGIFCONF");
    }

    default void freeifaddrs(Pointer ifaddrs) {
        throw new UnsupportedOperationException("freeifaddrs is the host libc's");
    }

    /** The errno the last failing call on this thread left. */
    int errno();
}
