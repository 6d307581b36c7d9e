package org.kttcp4j.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Line;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;

/**
 * --expect-gbits and --expect-cpu-per-gb: what a run must reach. A single run is judged by its own figures
 * ({@link RunResult#figures()}); a series (--repeat, a socket-buffer sweep) by the median of each size's
 * complete runs ({@link SummaryRow}). A figure that was not measured cannot meet a threshold. Failed and stopped
 * runs are not judged: they already end the process with their own status.
 *
 * @param minGbits null for no throughput threshold
 * @param maxCpuPerGB null for no CPU threshold
 * @param minLinePercent --expect-line: the percent of the line ({@link LineFigure}) the run must reach; null for none
 * @param lineRate --line-rate: the speed (and framing) the line is of, null for the interface's own
 */
public record Thresholds(Double minGbits, Double maxCpuPerGB, Double minLinePercent, Line.Rate lineRate) {
    public static final Thresholds NONE = new Thresholds(null, null);

    public Thresholds(Double minGbits, Double maxCpuPerGB) {
        this(minGbits, maxCpuPerGB, null, null);
    }

    public boolean any() {
        return minGbits != null || maxCpuPerGB != null || minLinePercent != null;
    }

    /** The options that set the thresholds: "--expect-gbits 5", "--expect-gbits 5 and --expect-cpu-per-gb 0.5". */
    public String names() {
        List<String> n = new ArrayList<>();
        if (minGbits != null) {
            n.add("--expect-gbits " + plain(minGbits));
        }
        if (maxCpuPerGB != null) {
            n.add("--expect-cpu-per-gb " + plain(maxCpuPerGB));
        }
        if (minLinePercent != null) {
            n.add("--expect-line " + plain(minLinePercent));
        }
        return String.join(" and ", n);
    }

    /** A threshold as given: 5, 0.25, 0.0001. */
    public static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A single run that is judged: complete (neither failed nor stopped) and not part of a series. */
    public static boolean judged(RunResult r) {
        return !r.run().series() && !r.failed() && r.stopped().isEmpty();
    }

    /** The missed thresholds of one run, each as one line ("expected at least ..."); empty when it met them. */
    public List<String> misses(RunResult r) {
        Figures f = r.figures();
        OptionalDouble gbits = f.bitsPerSecond().isPresent() ? OptionalDouble.of(f.gbits()) : OptionalDouble.empty();
        List<String> out = misses(gbits, f.cpuSecondsPerGB(), "");
        if (minLinePercent != null) {
            LineFigure line = LineFigure.of(r, lineRate);
            if (line.percent() == null) {
                out.add("expected at least " + plain(minLinePercent) + " % of the line, not measured ("
                        + (line.none() != null ? line.none() : "no time elapsed") + ")");
            } else if (line.percent() < minLinePercent) {
                out.add(String.format(Locale.ROOT, "expected at least %s %% of the line (%s), measured %.1f %%",
                        plain(minLinePercent), line.line().describe(), line.percent()));
            }
        }
        return out;
    }

    /** The missed thresholds of one size of a series, judged by its medians. */
    public List<String> misses(SummaryRow row, boolean sweep) {
        return misses(row, sweep, List.of());
    }

    /**
     * The missed thresholds of one size of a series, judged by its medians; linePercents: the percents of the
     * line its complete runs reached (--expect-line judges their median).
     */
    public List<String> misses(SummaryRow row, boolean sweep, List<Double> linePercents) {
        String of = ", the median of " + row.runs() + " run" + (row.runs() == 1 ? "" : "s")
                + (sweep ? " with sockbuf " + row.sockbuf() : "");
        List<String> out = misses(median(row.gbits()), median(row.cpuPerGB()), of);
        if (minLinePercent != null) {
            if (linePercents.isEmpty()) {
                out.add("expected at least " + plain(minLinePercent) + " % of the line, not measured (no run had a"
                        + " line: see its interface line)" + of);
            } else {
                double m = Stats.of(linePercents).median();
                if (m < minLinePercent) {
                    out.add(String.format(Locale.ROOT, "expected at least %s %% of the line, measured %.1f %%%s",
                            plain(minLinePercent), m, of));
                }
            }
        }
        return out;
    }

    private static OptionalDouble median(Stats s) {
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s.median());
    }

    private List<String> misses(OptionalDouble gbits, OptionalDouble cpuPerGB, String of) {
        List<String> out = new ArrayList<>();
        if (minGbits != null) {
            if (gbits.isEmpty()) {
                out.add("expected at least " + number(minGbits) + " Gbit/s, not measured (no time elapsed)" + of);
            } else if (gbits.getAsDouble() < minGbits) {
                out.add(missed("at least", minGbits, gbits.getAsDouble(), "Gbit/s", of));
            }
        }
        if (maxCpuPerGB != null) {
            if (cpuPerGB.isEmpty()) {
                out.add("expected at most " + number(maxCpuPerGB) + " CPU s/GB, not measured (the run was under "
                        + Figures.MIN_CPU_NANOS / 1_000_000 + " ms or " + (Figures.MIN_CPU_BYTES >> 20)
                        + " MiB: give more --bytes or --time)" + of);
            } else if (cpuPerGB.getAsDouble() > maxCpuPerGB) {
                out.add(missed("at most", maxCpuPerGB, cpuPerGB.getAsDouble(), "CPU s/GB", of));
            }
        }
        return out;
    }

    /** "expected at least 5.000 Gbit/s, measured 4.210 (-15.8 %)" */
    private static String missed(String bound, double expected, double measured, String unit, String of) {
        return String.format(Locale.ROOT, "expected %s %s %s, measured %s (%+.1f %%)%s", bound, number(expected),
                unit, number(measured), (measured - expected) / expected * 100, of);
    }

    /** Three decimals ("5.000"), or three significant digits for what three decimals would show as 0. */
    static String number(double v) {
        return String.format(Locale.ROOT, v == 0 || Math.abs(v) >= 0.01 ? "%.3f" : "%.3g", v);
    }
}
