package org.kttcp4j.device;

import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;

/** What to do about each way /dev/kttcp fails (docs/netbsd.md, "The device" and "Kernel semantics"). */
final class DeviceErrors {
    private DeviceErrors() {}

    /**
     * No kttcp driver in the running kernel (GENERIC has none): kttcp4j's module loads into a stock kernel (options
     * MODULAR, securelevel at most 0); a kernel without MODULAR needs `pseudo-device kttcp` (docs/netbsd.md,
     * "kttcp as a module").
     */
    static final String NO_DRIVER = "the running kernel has no kttcp driver: load kttcp4j's module as root with"
            + " `sh native/module/kttcp-module.sh` (in kttcp4j's sources: builds it for this release, modload, MAKEDEV;"
            + " --install makes it autoload), or `modload kttcp` where it is installed; a kernel without options"
            + " MODULAR needs `pseudo-device kttcp` instead (vagrant/provision/kernel.sh builds one)";

    static ErrnoException explain(ErrnoException e, Kernel kernel) {
        Errno code = e.code().orElse(null);
        if (code == null) {
            return e;
        }
        String hint = switch (code) {
            case ENOENT -> Kernels.abi(kernel) == Abi.netbsd()
                    ? "there is no device node; create it as root: cd /dev && sh MAKEDEV kttcp"
                    : "kttcp is a NetBSD kernel device and this kernel is " + System.getProperty("os.name")
                            + "; use `engine` user, splice or nio here, or run on NetBSD (see vagrant/)";
            case ENXIO, ENODEV -> NO_DRIVER;
            case EACCES -> KttcpDevice.PATH + " is mode 0600 root:wheel: run as root or give your user write access";
            case EPERM -> "the descriptor must be open for writing: open " + KttcpDevice.PATH + " read-write, as root";
            // kttcp.c answers EINVAL both for a count over its limit and for a request it does not know
            case EINVAL -> "the kernel refused the request: over its per-ioctl limit (" + KttcpDevice.MAX_SEND
                    + " to send, " + KttcpDevice.MAX_RECV + " to receive) or a request number this kernel's kttcp"
                    + " does not know (a struct size mismatch)";
            case EBADF -> "kio_socket is not an open descriptor of this process";
            case ENOTSOCK -> "kio_socket is not a socket";
            case ENOTCONN -> "the socket is not connected";
            // the generic ioctl code answers ENOTTY for a descriptor whose driver does not take the request
            case ENOTTY -> "the descriptor the ioctl went to is not " + KttcpDevice.PATH;
            case EPIPE, ECONNRESET -> "the peer closed the connection";
            default -> null;
        };
        return hint == null ? e : e.withHint(hint);
    }
}
