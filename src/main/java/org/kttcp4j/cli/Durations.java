package org.kttcp4j.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people type it: 10s, 500ms, 2m, or bare seconds (10, 0.5). */
public final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        long unitNanos = 1_000_000_000L;
        String number = v;
        if (v.endsWith("ms")) {
            unitNanos = 1_000_000L;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            unitNanos = 60_000_000_000L;
            number = v.substring(0, v.length() - 1);
        }
        try {
            double d = Double.parseDouble(number);
            if (d <= 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos((long) (d * unitNanos));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("invalid duration '" + value + "': use e.g. 10s, 500ms or 2m");
        }
    }
}
