package org.kttcp4j.posix;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Linux-only calls of the host libc that make the kernel a source and a sink: sendfile(2), splice(2), pipe2(2),
 * memfd_create(2). They are not part of the kernel seam ({@link Syscalls}): no other kernel has them.
 * Direct-mapped, registered on first use.
 */
public final class LinuxCalls {
    /** include/uapi/linux/memfd.h */
    public static final int MFD_CLOEXEC = 0x0001;
    /** include/linux/splice.h (glibc's bits/fcntl-linux.h) */
    public static final int SPLICE_F_MOVE = 0x01;
    public static final int SPLICE_F_MORE = 0x04;
    /** include/uapi/linux/fcntl.h: F_LINUX_SPECIFIC_BASE (1024) + 7 and + 8 */
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;

    static {
        Native.register(LinuxCalls.class, Platform.C_LIBRARY_NAME);
    }

    private LinuxCalls() {}

    /*
     * size_t and ssize_t as int, as in Syscalls: counts stay below 2^31 and primitive signatures keep the calls on
     * JNA's fast path.
     */

    /** ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count); off_t is 64-bit on LP64 Linux. */
    public static native int sendfile(int outFd, int inFd, long[] offset, int count);

    /** ssize_t splice(int fd_in, loff_t *off_in, int fd_out, loff_t *off_out, size_t len, unsigned flags) */
    public static native int splice(int fdIn, Pointer offIn, int fdOut, Pointer offOut, int len, int flags);

    public static native int pipe2(int[] fds, int flags);

    public static native int memfd_create(String name, int flags);

    public static native int ftruncate(int fd, long length);

    public static native int fcntl(int fd, int cmd, int arg);
}
