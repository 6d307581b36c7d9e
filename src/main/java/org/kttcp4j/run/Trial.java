package org.kttcp4j.run;

import java.time.Instant;
import java.util.List;

/**
 * One run of a series as the {@link Runner} hands it to a {@link Topology}: its socket buffer, its place in the
 * series, its {@link Control} and its {@link IntervalMeter}. {@link #result} stops the meter and makes the run's
 * result of the ends the topology played (with --omit, their figures without the warm-up).
 */
final class Trial {
    final Run run;
    final int sockbuf;
    final int index;
    final Control control;
    final IntervalMeter meter;
    final Instant started;

    Trial(Run run, int sockbuf, int index, Control control, IntervalMeter meter) {
        this.run = run;
        this.sockbuf = sockbuf;
        this.index = index;
        this.control = control;
        this.meter = meter;
        this.started = Instant.now();
    }

    /** The run's result of this process's ends: the meter stopped, its intervals and CPU in it. */
    RunResult result(List<SideResult> sides) {
        List<Interval> intervals = meter.stop();
        if (run.omit() != null) { // the figures without the warm-up
            sides = sides.stream().map(s -> {
                boolean metered = s.role() == run.meteredRole(s.stream());
                return s.withTransfer(meter.afterOmit(metered, s.stream() - 1, s.transfer()),
                        s.role() == Role.SENDER && metered ? meter.afterOmit(s.stream() - 1, s.tcpInfo())
                                : s.tcpInfo());
            }).toList();
        }
        return new RunResult(run, sockbuf, index, started, sides, intervals, meter.cpu(), meter.wallNanos());
    }
}
