package org.kttcp4j.net;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in messages: "10 s", "250 ms". */
public final class Durations {
    private Durations() {}

    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
