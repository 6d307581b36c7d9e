package org.kttcp4j.results;

import java.util.Locale;

/** Byte counts as people write them for socket buffers: 65536 -> "64 KiB", 1000 -> "1000 B". */
final class Sizes {
    private Sizes() {}

    static String binary(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        double v = bytes;
        int u = 0;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        if (u == 0 && bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%d %s", (long) v, units[u]);
    }
}
