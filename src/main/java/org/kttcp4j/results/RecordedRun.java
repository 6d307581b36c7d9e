package org.kttcp4j.results;

import java.util.List;
import java.util.Map;

/**
 * One run read back from a result file.
 *
 * @param key what defines the run (see {@link RunKey})
 * @param gbits the headline figure in Gbit/s: what the receiver got when the file has a receiver's sum
 *     (end.sum_received), else what was sent (end.sum_sent), as kttcp4j's text report and iperf3 judge a run
 * @param cpuPerGB CPU seconds per GB moved (10^9 bytes), of whose CPU each figure counts, the widest first
 *     (kttcp4j: the run's figure, end.kttcp4j_run; iperf3's client: client plus server, and each alone); empty
 *     when the file has no CPU figure
 * @param cpuUserPercent user CPU over the run's wall time, of {@link #cpuCovers()}'s processes
 *     (end.cpu_utilization_percent: kttcp4j's host_user; iperf3's client: host_user + remote_user)
 * @param cpuSystemPercent the same for system CPU
 * @param intervals the per-interval figures of the headline role, oldest first; empty without --interval
 * @param problem why the run stopped early (partial transfer or error), or null
 * @param settings what was run, for the report's table (ordered; values already formatted)
 * @param retransmits the sending end's retransmitted segments over the run (end.sum_sent.retransmits, from
 *     TCP_INFO); NaN when the file has none (a receiver's file, an engine or OS without TCP_INFO)
 * @param linePercent the headline as a percent of the line (end.kttcp4j_run.line, docs/nic.md); NaN without one
 * @param line the line itself, "0.9564 Gbit/s at MTU 1500"; null without one
 */
public record RecordedRun(RunKey key, double gbits, Map<CpuCover, Double> cpuPerGB, double cpuUserPercent,
        double cpuSystemPercent, List<RecordedInterval> intervals, String problem, Map<String, String> settings,
        double retransmits, double linePercent, String line) {

    public RecordedRun(RunKey key, double gbits, Map<CpuCover, Double> cpuPerGB, double cpuUserPercent,
            double cpuSystemPercent, List<RecordedInterval> intervals, String problem, Map<String, String> settings,
            double retransmits) {
        this(key, gbits, cpuPerGB, cpuUserPercent, cpuSystemPercent, intervals, problem, settings, retransmits,
                Double.NaN, null);
    }

    /**
     * One interval: its start and end time (s), the sum's Gbit/s and each stream's Gbit/s; and what the sending
     * end's TCP_INFO said of it (iperf3's names: retransmits, snd_cwnd, rtt), each NaN when the file has none.
     *
     * @param retransmits segments retransmitted during the interval, summed over the streams
     * @param cwndBytes the congestion window at the interval's end in bytes, the mean over the streams that have it
     * @param rttMicros the smoothed RTT at the interval's end in microseconds, the mean over the streams that have it
     */
    public record RecordedInterval(double start, double end, double sumGbits, double[] streamGbits, double retransmits,
            double cwndBytes, double rttMicros) {

        /** Whether TCP_INFO gave any figure for this interval. */
        public boolean hasWire() {
            return !Double.isNaN(retransmits) || !Double.isNaN(cwndBytes) || !Double.isNaN(rttMicros);
        }
    }

    /** Whether any interval has a TCP_INFO figure, or the run has a retransmit total. */
    public boolean hasWire() {
        return !Double.isNaN(retransmits) || intervals.stream().anyMatch(RecordedInterval::hasWire);
    }

    /** Whose CPU the headline CPU figures count (the widest the file has); null when it has none. */
    public CpuCover cpuCovers() {
        return cpuPerGB.isEmpty() ? null : cpuPerGB.keySet().iterator().next();
    }

    /** The headline CPU s/GB (of {@link #cpuCovers()}), NaN when the file has none. */
    public double cpu() {
        return cpuPerGB.isEmpty() ? Double.NaN : cpuPerGB.values().iterator().next();
    }

    /** CPU s/GB of one cover, NaN when the file does not have it. */
    public double cpu(CpuCover cover) {
        return cpuPerGB.getOrDefault(cover, Double.NaN);
    }

    /** The metric's figure: Gbit/s, or the headline CPU s/GB. */
    public double value(Metric m) {
        return m == Metric.GBITS ? gbits : cpu();
    }
}
