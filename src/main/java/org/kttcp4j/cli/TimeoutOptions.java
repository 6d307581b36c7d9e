package org.kttcp4j.cli;

import java.time.Duration;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** How long a run waits before it says what is wrong. */
final class TimeoutOptions {
    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE}).")
    Duration connect;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = IdleDurations.class, defaultValue = "20s",
            description = "End the run when a stream moves nothing for this long: the ends disagree (--parallel,"
                    + " --reverse) or the peer is gone (default: ${DEFAULT-VALUE}; 0: wait forever).")
    Duration idle;

    void apply(Run.Builder b) {
        b.connectTimeout(connect).idleTimeout(idle);
    }

    /** A duration, or 0 for none. */
    static final class IdleDurations implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            return v.trim().equals("0") ? Duration.ZERO : new DurationConverter().convert(v);
        }
    }
}
