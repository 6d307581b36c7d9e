package org.kttcp4j.formats;

import java.util.Locale;

/**
 * Quantities as iperf3 prints them (esnet/iperf src/units.c): bytes in powers of 1024 (KBytes, MBytes,
 * GBytes), rates in powers of 1000 (Kbits/sec ...), three significant digits.
 */
public final class Iperf3Units {
    private Iperf3Units() {}

    private static final String[] BYTES = {"Bytes", "KBytes", "MBytes", "GBytes", "TBytes"};
    private static final String[] BITS = {"bits/sec", "Kbits/sec", "Mbits/sec", "Gbits/sec", "Tbits/sec"};

    public static String bytes(double b) {
        return scaled(b, 1024, BYTES);
    }

    public static String bits(double bps) {
        return scaled(bps, 1000, BITS);
    }

    private static String scaled(double v, double step, String[] units) {
        int i = 0;
        while (i < units.length - 1 && v >= step) {
            v /= step;
            i++;
        }
        return digits(v) + " " + units[i];
    }

    private static String digits(double v) {
        if (v < 9.995) {
            return String.format(Locale.ROOT, "%4.2f", v);
        }
        if (v < 99.95) {
            return String.format(Locale.ROOT, "%4.1f", v);
        }
        return String.format(Locale.ROOT, "%4.0f", v);
    }
}
