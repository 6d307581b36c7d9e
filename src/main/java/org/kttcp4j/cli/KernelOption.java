package org.kttcp4j.cli;

import java.nio.file.Path;
import org.kttcp4j.posix.Kernel;

/** --kernel: which kernel the native engines' calls go to: host (the default) or rump:DIR. */
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
        throw new IllegalArgumentException("unknown kernel '" + spec + "': use host, or rump:DIR for a NetBSD rump"
                + " kernel in DIR");
    }
}
