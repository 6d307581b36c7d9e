package org.kttcp4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A byte count with the C kttcp tool's k/m/g suffixes (powers of 1024, either case). */
public final class ByteCount implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (use digits with an optional k, m or g, e.g. 64k)");
        }
    }

    /**
     * Parses a byte count the way the C kttcp tool does: digits with an optional k, m or g. Throws
     * IllegalArgumentException with the C tool's wording otherwise.
     */
    static long parse(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("invalid byte count: " + s);
        }
        long value;
        try {
            value = Long.parseLong(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("byte count too large: " + s);
        }
        if (end == s.length()) {
            return value;
        }
        if (end != s.length() - 1) {
            throw new IllegalArgumentException("invalid byte count: " + s);
        }
        long mult = switch (Character.toLowerCase(s.charAt(end))) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> throw new IllegalArgumentException("invalid byte count modifier: " + s);
        };
        try {
            return Math.multiplyExact(value, mult);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("byte count too large: " + s);
        }
    }
}
