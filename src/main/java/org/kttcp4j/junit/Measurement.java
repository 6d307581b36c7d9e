package org.kttcp4j.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.kttcp4j.report.JsonDocument;
import org.kttcp4j.report.Thresholds;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.opentest4j.AssertionFailedError;

/**
 * A {@link KttcpTest}'s run as the test sees it: its results, the figures it is judged by (each the median of
 * the complete runs of the series, as {@code --repeat} and {@code compare} take them) and assertions that read
 * like them. A missed assertion fails with the measured value, the threshold and the run's settings.
 */
public final class Measurement {
    private final Settings settings;
    private final Results results;
    private final List<RunResult> runs;
    private final Path json;

    Measurement(Settings settings, Results results, List<RunResult> runs, Path json) {
        this.settings = settings;
        this.results = results;
        this.runs = List.copyOf(runs);
        this.json = json;
    }

    /**
     * The series' results, as the library returns them.
     *
     * @return the results
     */
    public Results results() {
        return results;
    }

    /**
     * The run's settings in words: "loopback (receiver in a child JVM), engine nio, 500 ms per run, 3 runs, 1
     * stream".
     *
     * @return the settings
     */
    public String settings() {
        return settings.describe();
    }

    /**
     * The run's JSON document (kttcp4j's --json), which {@code kttcp4j report} and {@code compare} read.
     *
     * @return the file's path
     */
    public Path json() {
        return json;
    }

    /**
     * Gbit/s, the median of the complete runs.
     *
     * @return Gbit/s, or NaN when no run completed with time elapsed
     */
    public double gbits() {
        SummaryRow row = row();
        if (row != null) {
            return row.gbits().median();
        }
        return complete().isEmpty() ? Double.NaN : complete().get(0).figures().gbits();
    }

    /**
     * CPU seconds per GB moved, the median of the complete runs.
     *
     * @return CPU s/GB, or NaN when it was not measured (a run too short for the CPU clock)
     */
    public double cpuSecondsPerGb() {
        SummaryRow row = row();
        if (row != null) {
            return row.cpuPerGB().median();
        }
        return complete().isEmpty() ? Double.NaN : complete().get(0).figures().cpuSecondsPerGB().orElse(Double.NaN);
    }

    /**
     * The senders' TCP retransmits, the median over the complete runs.
     *
     * @return the count, or empty where the kernel does not count them (or no run completed)
     */
    public OptionalLong retransmits() {
        List<Double> each = new ArrayList<>();
        for (RunResult r : complete()) {
            OptionalLong n = JsonDocument.retransmits(r.of(Role.SENDER));
            if (n.isEmpty()) {
                return OptionalLong.empty();
            }
            each.add((double) n.getAsLong());
        }
        return each.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(Stats.of(each).median()));
    }

    /**
     * Fails unless the median Gbit/s is at least {@code floor}.
     *
     * @param floor Gbit/s
     * @return this, for the next assertion
     */
    public Measurement assertGbitsAtLeast(double floor) {
        return fail(misses(new Thresholds(floor, null)), "-D" + Settings.PREFIX + "gbitsAtLeast");
    }

    /**
     * Fails unless the median CPU seconds per GB is at most {@code ceiling}.
     *
     * @param ceiling CPU s/GB
     * @return this, for the next assertion
     */
    public Measurement assertCpuSecondsPerGbAtMost(double ceiling) {
        return fail(misses(new Thresholds(null, ceiling)), "-D" + Settings.PREFIX + "cpuSecondsPerGbAtMost");
    }

    /**
     * Fails unless the senders' median retransmits are at most {@code most}; also where they were not counted.
     *
     * @param most retransmits
     * @return this, for the next assertion
     */
    public Measurement assertRetransmitsAtMost(long most) {
        return fail(retransmitMisses(most), "-D" + Settings.PREFIX + "retransmitsAtMost");
    }

    private List<String> retransmitMisses(long most) {
        OptionalLong n = retransmits();
        if (n.isEmpty()) {
            return List.of("expected at most " + most + " retransmits, not measured (this kernel's TCP_INFO does not"
                    + " count them, or no run completed)");
        }
        int runs = complete().size();
        return n.getAsLong() <= most ? List.of() : List.of("expected at most " + most + " retransmits, measured "
                + n.getAsLong() + ", the median of " + runs + " run" + (runs == 1 ? "" : "s"));
    }

    /** The annotation's thresholds (as the properties override them), all missed ones in one message. */
    void judge() {
        List<String> missed = new ArrayList<>();
        List<String> how = new ArrayList<>();
        if (!Double.isNaN(settings.gbitsAtLeast())) {
            missed.addAll(misses(new Thresholds(settings.gbitsAtLeast(), null)));
            how.add("gbitsAtLeast");
        }
        if (!Double.isNaN(settings.cpuSecondsPerGbAtMost())) {
            missed.addAll(misses(new Thresholds(null, settings.cpuSecondsPerGbAtMost())));
            how.add("cpuSecondsPerGbAtMost");
        }
        if (settings.retransmitsAtMost() >= 0) {
            missed.addAll(retransmitMisses(settings.retransmitsAtMost()));
            how.add("retransmitsAtMost");
        }
        fail(missed, how.stream().map(h -> "-D" + Settings.PREFIX + h).collect(Collectors.joining(", ")));
    }

    /** Gbit/s and CPU s/GB by the command line's own rule (--expect-gbits, --expect-cpu-per-gb). */
    private List<String> misses(Thresholds t) {
        SummaryRow row = row();
        if (row != null) {
            return t.misses(row, false);
        }
        if (complete().isEmpty()) {
            return List.of("no run completed");
        }
        return t.misses(complete().get(0));
    }

    private Measurement fail(List<String> missed, String overrides) {
        if (missed.isEmpty()) {
            return this;
        }
        throw new AssertionFailedError(settings.test() + ": " + String.join("; ", missed) + " [" + settings.describe()
                + "; each run: " + eachRun() + "; " + overrides + "=N overrides; JSON: " + json + "]");
    }

    /** "3.120, 3.410, 2.980 Gbit/s" */
    private String eachRun() {
        return runs.stream().map(r -> r.failed() ? "failed" : r.stopped().isPresent() ? "stopped"
                : String.format(Locale.ROOT, "%.3f", r.figures().gbits())).collect(Collectors.joining(", "))
                + " Gbit/s";
    }

    private SummaryRow row() {
        return results.summary().isEmpty() ? null : results.summary().get(0);
    }

    private List<RunResult> complete() {
        return runs.stream().filter(r -> !r.failed() && r.stopped().isEmpty()).toList();
    }

    /** The figures as report entries: what lands in Surefire's XML and the IDE. */
    java.util.Map<String, String> entries() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("kttcp4j.settings", settings.describe());
        m.put("kttcp4j.gbits", figure(gbits()));
        m.put("kttcp4j.cpuSecondsPerGb", figure(cpuSecondsPerGb()));
        OptionalLong rx = retransmits();
        m.put("kttcp4j.retransmits", rx.isPresent() ? Long.toString(rx.getAsLong()) : "not measured");
        m.put("kttcp4j.runs", eachRun());
        m.put("kttcp4j.json", json.toString());
        return m;
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "not measured" : Settings.number(v);
    }
}
