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

    int shutdown(int fd, int how);

    NativeLong read(int fd, Pointer buffer, NativeLong count);

    NativeLong write(int fd, Pointer buffer, NativeLong count);

    /** recvfrom(2) with no source address: recv(2) is a libc wrapper, recvfrom the system call. */
    NativeLong recvfrom(int fd, Pointer buffer, NativeLong count, int flags, Pointer from, Pointer fromLength);

    /** The errno the last failing call on this thread left. */
    int errno();
}
