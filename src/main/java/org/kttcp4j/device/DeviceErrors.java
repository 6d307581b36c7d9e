package org.kttcp4j.device;

import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;

/** What to do about each way /dev/kttcp fails (netbsd-abi.md, "The device" and "Kernel semantics"). */
final class DeviceErrors {
    private DeviceErrors() {}

    static ErrnoException explain(ErrnoException e, Kernel kernel) {
        String hint = switch (e.errnoName()) {
            case "ENOENT" -> kernel.abi().name().equals("netbsd")
                    ? "there is no device node; create it as root: cd /dev && sh MAKEDEV kttcp"
                    : "kttcp is a NetBSD kernel device and this kernel is " + System.getProperty("os.name")
                            + "; use --engine user, splice or nio here, or run on NetBSD (see vagrant/)";
            case "ENXIO", "ENODEV" -> "the running kernel lacks `pseudo-device kttcp`: build a kernel with it"
                    + " (GENERIC has none; vagrant/provision/kernel.sh shows how)";
            case "EACCES" -> "/dev/kttcp is mode 0600 root:wheel: run as root or give your user write access";
            case "EPERM" -> "the descriptor must be open for writing: open /dev/kttcp read-write, as root";
            case "EINVAL" -> "the kernel refused the request: over its per-ioctl limit (2147483646 to send,"
                    + " 2147483647 to receive) or a struct/request mismatch with this kernel";
            case "EBADF" -> "kio_socket is not an open descriptor of this process";
            case "ENOTSOCK" -> "kio_socket is not a socket";
            case "ENOTCONN" -> "the socket is not connected";
            case "ENOTTY" -> "this descriptor is not /dev/kttcp, or the kernel does not know this request";
            case "EPIPE", "ECONNRESET" -> "the peer closed the connection";
            default -> null;
        };
        return hint == null ? e : e.withHint(hint);
    }
}
