package org.kttcp4j.cli;

/** Conversions shared by the option groups. */
final class Options {
    private Options() {}

    /** A byte count that a socket option or buffer takes as a C int. */
    static int toInt(long v, String name) {
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be from 1 to 2147483647 bytes, got " + v);
        }
        return (int) v;
    }
}
