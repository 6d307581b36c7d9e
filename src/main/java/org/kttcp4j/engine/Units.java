package org.kttcp4j.engine;

/** Byte counts as people write them. */
public final class Units {
    private Units() {}

    /** 131072 -> "128 KiB"; exact powers of 1024 get a unit, other sizes stay in bytes. */
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

    /**
     * Parses a byte count the way the C kttcp tool does: digits with an optional k, m or g (either case,
     * powers of 1024). Throws IllegalArgumentException with the C tool's wording otherwise.
     */
    public static long parseBytes(String s) {
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
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
