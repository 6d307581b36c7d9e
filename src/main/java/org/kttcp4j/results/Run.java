package org.kttcp4j.results;

import java.util.List;
import java.util.Map;

/**
 * One run read back from a result file.
 *
 * @param key what defines the run (see {@link RunKey})
 * @param gbits the headline figure in Gbit/s: what the receiver got when the file has a receiver's sum
 *     (end.sum_received), else what was sent (end.sum_sent), as kttcp4j's text report and iperf3 judge a run
 * @param cpuPerGB CPU seconds per GB moved (10^9 bytes); NaN when the file has no CPU figure
 * @param cpuUserPercent the process's user CPU over the run's wall time (end.cpu_utilization_percent.host_user)
 * @param cpuSystemPercent the same for system CPU
 * @param intervals the per-interval figures of the headline role, oldest first; empty without --interval
 * @param problem why the run stopped early (partial transfer or error), or null
 * @param settings what was run, for the report's table (ordered; values already formatted)
 */
public record Run(RunKey key, double gbits, double cpuPerGB, double cpuUserPercent, double cpuSystemPercent,
        List<Interval> intervals, String problem, Map<String, String> settings) {

    /** One interval: its end time (s), the sum's Gbit/s and each stream's Gbit/s. */
    public record Interval(double start, double end, double sumGbits, double[] streamGbits) {}

    public double value(Metric m) {
        return m == Metric.GBITS ? gbits : cpuPerGB;
    }
}
