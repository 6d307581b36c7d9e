package org.kttcp4j.run;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.kttcp4j.net.Durations;

/**
 * The stall watch: a stream still running that has moved nothing for the idle timeout ends the run through
 * {@link Control#fail}, with what it most likely means from this end's point of view. Checked at each of the
 * meter's ticks.
 */
final class StallWatch {
    private final Duration idle;
    private final Control control;
    private final String hint;
    private final long[] seen;
    private final long[] changedAt;

    /** idle null or zero: no watch. */
    StallWatch(int streams, Duration idle, Control control, String hint) {
        this.idle = idle == null || idle.isZero() ? null : idle;
        this.control = control;
        this.hint = hint;
        this.seen = new long[streams];
        this.changedAt = new long[streams];
    }

    /** The streams start moving now. */
    void start(long now) {
        Arrays.fill(changedAt, now);
    }

    /** Fails the run when a stream that has not finished moved nothing for the idle timeout. */
    void check(long now, List<StreamMeter> streams) {
        if (idle == null) {
            return;
        }
        for (int i = 0; i < streams.size(); i++) {
            long total = streams.get(i).total();
            if (total != seen[i]) {
                seen[i] = total;
                changedAt[i] = now;
            } else if (!streams.get(i).finished() && now - changedAt[i] >= idle.toNanos()) {
                control.fail("stream " + (i + 1) + " moved no data for " + Durations.text(idle) + ": " + hint + " ("
                        + Setting.IDLE_TIMEOUT.ref() + " sets the wait)");
                return;
            }
        }
    }
}
