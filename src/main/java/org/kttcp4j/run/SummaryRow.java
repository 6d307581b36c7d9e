package org.kttcp4j.run;

import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.measure.Figures;

/**
 * The statistics of the complete runs of one socket-buffer size in a series: Gbit/s and CPU seconds per GB
 * (the run's figures, {@link RunResult#figures()}), and the sizes the kernel set. Stopped and failed runs are
 * reported one by one but left out of the statistics.
 */
@org.kttcp4j.PublicApi
public record SummaryRow(int sockbuf, Integer sndbufSet, Integer rcvbufSet, int runs, Stats gbits, Stats cpuPerGB) {

    /** Null when no run of this size completed. */
    static SummaryRow of(int sockbuf, List<RunResult> runs) {
        List<RunResult> complete = runs.stream().filter(r -> !r.failed() && r.stopped().isEmpty()).toList();
        if (complete.isEmpty()) {
            return null;
        }
        List<Double> gbits = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (RunResult r : complete) {
            Figures f = r.figures();
            gbits.add(f.gbits());
            cpu.add(f.cpuSecondsPerGB().orElse(Double.NaN));
        }
        RunResult first = complete.get(0);
        return new SummaryRow(sockbuf, first.sndbufSet(), first.rcvbufSet(), complete.size(), Stats.of(gbits),
                Stats.of(cpu));
    }
}
