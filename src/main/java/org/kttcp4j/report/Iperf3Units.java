package org.kttcp4j.report;

import java.util.Locale;

/**
 * Quantities as iperf3 prints them (esnet/iperf src/units.c): bytes in powers of 1024 (KBytes, MBytes,
 * GBytes), rates in powers of 1000 (Kbits/sec ...), three significant digits.
 */
public final class Iperf3Units {
    private Iperf3Units() {}

    public static String bytes(double b) {
        String[] u = {"Bytes", "KBytes", "MBytes", "GBytes", "TBytes"};
        int i = 0;
        while (i < u.length - 1 && b >= 1024) {
            b /= 1024;
            i++;
        }
        return digits(b) + " " + u[i];
    }

    public static String bits(double bps) {
        String[] u = {"bits/sec", "Kbits/sec", "Mbits/sec", "Gbits/sec", "Tbits/sec"};
        int i = 0;
        while (i < u.length - 1 && bps >= 1000) {
            bps /= 1000;
            i++;
        }
        return digits(bps) + " " + u[i];
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
