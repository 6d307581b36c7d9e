package org.kttcp4j.cli;

import org.kttcp4j.posix.Kernel;

/** --kernel: which kernel the native engines' calls go to ("host", the default). */
final class KernelOption {
    private KernelOption() {}

    static Kernel resolve(String spec) {
        if (spec == null || spec.equals("host")) {
            return Kernel.host();
        }
        throw new IllegalArgumentException("unknown kernel '" + spec + "': use host");
    }
}
