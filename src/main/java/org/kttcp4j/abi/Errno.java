package org.kttcp4j.abi;

import org.kttcp4j.PublicApi;

/**
 * The errno values kttcp4j names, by their C names. A name is the same on every kernel; its number is not (38 is
 * ENOTSOCK on NetBSD and ENOSYS on Linux), so each kernel's {@link ErrnoTable} gives the numbers and texts
 * (docs/netbsd.md, "errno"), and a failed call's errno is one of these, from the table of the kernel that raised it.
 */
@PublicApi
public enum Errno {
    EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, EBADF, ENOMEM, EACCES, EFAULT, EBUSY, ENODEV, EINVAL, EMFILE, ENOTTY,
    EPIPE, EAGAIN, EINPROGRESS, ENOTSOCK, EMSGSIZE, EOPNOTSUPP, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETUNREACH,
    ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH, ENOSYS
}
