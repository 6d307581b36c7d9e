package org.kttcp4j.cli;

import java.nio.file.Path;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.RumpClientKernel;

/**
 * --kernel: which kernel the native engines' calls go to: "host" (the default), "rump:DIR" (a rump kernel loaded
 * into this process), or "rumpclient:URL" (a running rump server, e.g. one of native/rump/two-kernels.sh).
 */
final class KernelOption {
    private KernelOption() {}

    /** The kernel, or null for the host's (bound only when a native engine needs it: nio runs anywhere). */
    static Kernel resolve(String spec) {
        if (spec == null || spec.equals("host")) {
            return null;
        }
        if (spec.startsWith("rump:") && spec.length() > 5) {
            return Kernel.rump(Path.of(spec.substring(5)));
        }
        if (spec.startsWith(RumpClientKernel.PREFIX)) {
            return Kernel.rumpClient(spec.substring(RumpClientKernel.PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown kernel '" + spec + "': use host, rump:DIR for a NetBSD rump kernel"
                + " in DIR, or rumpclient:URL for a running rump server (unix:///path/a.sock)");
    }
}
