package org.kttcp4j.net;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them (10s, 500ms, 2m, 1h, or bare seconds: 10, 0.5) and as they read them in
 * messages ("10 s", "250 ms"): the one parser and the one formatter.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)?");

    private Durations() {}

    /** "250 ms", "10 s", "1.5 s"; under a millisecond in microseconds ("500 us"). */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            long ns = d.toNanos();
            return ns < 1000 ? ns + " ns" : ns / 1000 + " us";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * A duration above 0 in one of the forms above; IllegalArgumentException with a message that names the
     * value and the forms otherwise.
     */
    public static Duration parse(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + value + "': use e.g. 10s, 500ms, 2m or 1h");
        }
        long unitNanos = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.signum() == 0) {
            throw new IllegalArgumentException("invalid duration '" + value + "': it must be more than 0");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid duration '" + value + "': too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
