package org.kttcp4j.results;

import java.util.Locale;

/** What compare judges: throughput (higher is better) or CPU seconds per GB (lower is better). */
public enum Metric {
    GBITS("Gbit/s", true),
    CPU("CPU s/GB", false);

    private final String unit;
    private final boolean higherIsBetter;

    Metric(String unit, boolean higherIsBetter) {
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Positive when new is worse than old, in percent of old: a drop in Gbit/s, a rise in CPU s/GB. */
    public double worsePercent(double old, double now) {
        double change = (now - old) / old * 100;
        return higherIsBetter ? -change : change;
    }

    public String format(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, this == GBITS ? "%.2f" : "%.3f", v);
    }

    /** picocli and people: "gbits" or "cpu". */
    public static Metric parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "gbits":
                return GBITS;
            case "cpu":
                return CPU;
            default:
                throw new ResultException("--metric '" + s + "' is not known: give gbits (Gbit/s) or cpu (CPU s/GB)");
        }
    }
}
