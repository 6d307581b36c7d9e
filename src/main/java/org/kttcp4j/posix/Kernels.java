package org.kttcp4j.posix;

import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;

/**
 * Internal: the side of a {@link Kernel} that kttcp4j's own packages use (net, device, engine) and its API does
 * not show: its system calls, its ABI table and constants, and making one over a calls table (a fake kernel in
 * the tests). Java cannot share these between packages without making them public; this class is not API.
 */
public final class Kernels {
    private Kernels() {}

    /** A kernel named name whose calls are sys and whose numbers are abi's. */
    public static Kernel of(String name, Abi abi, Syscalls sys) {
        return new Kernel(name, abi, sys);
    }

    public static Syscalls sys(Kernel k) {
        return k.sys();
    }

    public static Abi abi(Kernel k) {
        return k.abi();
    }

    /** The kernel's value of a constant. */
    public static int c(Kernel k, Constant c) {
        return k.c(c);
    }
}
