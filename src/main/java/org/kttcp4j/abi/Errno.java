package org.kttcp4j.abi;

import org.kttcp4j.PublicApi;

/**
 * The errno values kttcp4j names, by their C names. A name is the same on every kernel; its number is not (38 is
 * ENOTSOCK on NetBSD and ENOSYS on Linux), so each kernel's {@link ErrnoTable} gives the numbers and texts
 * (docs/netbsd.md, "errno"), and a failed call's errno is one of these, from the table of the kernel that raised it.
 */
@PublicApi
public enum Errno {
    /** Operation not permitted (kttcp's ioctl on a descriptor not open for writing). */
    EPERM,
    /** No such file or directory (no /dev/kttcp). */
    ENOENT,
    /** No such process. */
    ESRCH,
    /** Interrupted system call (a signal came during the call). */
    EINTR,
    /** Input/output error. */
    EIO,
    /** Device not configured (a device node whose driver is not loaded). */
    ENXIO,
    /** Bad file descriptor. */
    EBADF,
    /** Cannot allocate memory. */
    ENOMEM,
    /** Permission denied. */
    EACCES,
    /** Bad address. */
    EFAULT,
    /** Device busy. */
    EBUSY,
    /** Operation not supported by device. */
    ENODEV,
    /** Invalid argument. */
    EINVAL,
    /** Too many open files in this process. */
    EMFILE,
    /** Inappropriate ioctl for device. */
    ENOTTY,
    /** Broken pipe: the peer closed its end. */
    EPIPE,
    /** Resource temporarily unavailable (a non-blocking call that would block). */
    EAGAIN,
    /** Operation now in progress (a non-blocking connect). */
    EINPROGRESS,
    /** Socket operation on a descriptor that is not a socket. */
    ENOTSOCK,
    /** Message too long. */
    EMSGSIZE,
    /** Operation not supported (on this socket, or by this kernel). */
    EOPNOTSUPP,
    /** Address family not supported. */
    EAFNOSUPPORT,
    /** Address already in use (a port another socket holds). */
    EADDRINUSE,
    /** Cannot assign the requested address (no interface has it). */
    EADDRNOTAVAIL,
    /** Network is unreachable. */
    ENETUNREACH,
    /** Connection reset by the peer. */
    ECONNRESET,
    /** No buffer space available. */
    ENOBUFS,
    /** Socket is already connected. */
    EISCONN,
    /** Socket is not connected. */
    ENOTCONN,
    /** Operation timed out (a connect, or TCP's retransmissions). */
    ETIMEDOUT,
    /** Connection refused: nothing listens on the port. */
    ECONNREFUSED,
    /** No route to host. */
    EHOSTUNREACH,
    /** Function not implemented (a system call this kernel lacks). */
    ENOSYS
}
