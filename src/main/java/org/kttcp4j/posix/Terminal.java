package org.kttcp4j.posix;

/** Whether a person is watching: isatty(3) on the host's standard descriptors. */
public final class Terminal {
    private Terminal() {}

    /** True when standard error is a terminal; false where kttcp4j has no libc binding. */
    public static boolean stderrIsTerminal() {
        try {
            return HostLibc.isatty(2) == 1;
        } catch (UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
