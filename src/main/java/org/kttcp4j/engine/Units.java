package org.kttcp4j.engine;

/** Byte counts as people write them: the one formatter (engine descriptions, socket buffers in results). */
public final class Units {
    private Units() {}

    /** 131072 -> "128 KiB"; exact multiples of a power of 1024 get its unit, other sizes stay exact, in bytes. */
    public static String binary(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        long v = bytes;
        while (i < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return v + " " + units[i];
    }
}
