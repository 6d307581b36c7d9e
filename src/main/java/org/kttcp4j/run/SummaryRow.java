package org.kttcp4j.run;

import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.PublicApi;
import org.kttcp4j.measure.Figures;

/**
 * The statistics of the complete runs of one socket-buffer size in a series: Gbit/s and CPU seconds per GB
 * (the run's figures, {@link RunResult#figures()}), and the sizes the kernel set. Stopped and failed runs are
 * reported one by one but left out of the statistics.
 */
@PublicApi
public record SummaryRow(int sockbuf, Integer sndbufSet, Integer rcvbufSet, int runs, Stats gbits, Stats cpuPerGB) {

    /** Null when no run of this size completed. */
    static SummaryRow of(int sockbuf, List<RunResult> runs) {
        Tally t = new Tally(sockbuf);
        runs.forEach(t::add);
        return t.row();
    }

    /**
     * What the statistics of one size need of its runs, taken as each ends (so a series need not keep its runs):
     * each complete run's Gbit/s and CPU s/GB, and the first one's socket buffer sizes.
     */
    static final class Tally {
        private final int sockbuf;
        private final List<Double> gbits = new ArrayList<>();
        private final List<Double> cpu = new ArrayList<>();
        private Integer sndbufSet;
        private Integer rcvbufSet;

        Tally(int sockbuf) {
            this.sockbuf = sockbuf;
        }

        /** Counts a run that completed; stopped and failed ones are left out. */
        void add(RunResult r) {
            if (r.failed() || r.stopped().isPresent()) {
                return;
            }
            if (gbits.isEmpty()) {
                sndbufSet = r.sndbufSet();
                rcvbufSet = r.rcvbufSet();
            }
            Figures f = r.figures();
            gbits.add(f.gbits());
            cpu.add(f.cpuSecondsPerGB().orElse(Double.NaN));
        }

        /** Null when no run of this size completed. */
        SummaryRow row() {
            return gbits.isEmpty() ? null : new SummaryRow(sockbuf, sndbufSet, rcvbufSet, gbits.size(),
                    Stats.of(gbits), Stats.of(cpu));
        }
    }
}
