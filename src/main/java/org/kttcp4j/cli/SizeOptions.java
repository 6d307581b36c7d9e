package org.kttcp4j.cli;

import java.time.Duration;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** How much a run moves: a byte count or a duration. */
final class SizeOptions {
    @Option(names = {"-n", "--bytes"}, paramLabel = "BYTES", converter = ByteCount.class,
            description = "Bytes to move, k/m/g suffixes: what the sender sends (default 1g), what a receiver expects"
                    + " (fewer is a partial transfer).")
    Long bytes;

    @Option(names = {"-t", "--time"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Send for this long instead of a byte count (10s, 500ms, 2m); a receiver waits at most"
                    + " this long (plus --connect-timeout) for its sender.")
    Duration time;

    void apply(Run.Builder b) {
        if (bytes != null) {
            b.bytes(bytes);
        }
        if (time != null) {
            b.time(time);
        }
    }
}
