package org.kttcp4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** The shape of a run and its series: streams, direction, socket buffers, repeats, intervals. */
final class StreamOptions {
    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "Parallel TCP streams, with per-stream lines and a sum (give both ends the same N).")
    int parallel;

    @Option(names = {"-R", "--reverse"},
            description = "Reverse: the connecting end receives and the accepting end sends (give both ends -R).")
    boolean reverse;

    @Option(names = "--bidir",
            description = "Both directions at once: each end sends on -P streams and receives on -P more (give both"
                    + " ends --bidir); per-direction sums (forward: the connecting end sends).")
    boolean bidir;

    @Option(names = {"-b", "--sockbuf"}, paramLabel = "BYTES", converter = ByteCount.class, split = ",",
            description = "SO_SNDBUF/SO_RCVBUF to ask for (default: the kernel's autotuning); several, comma-separated,"
                    + " run each in turn and print a table (64k,256k,1m,4m).")
    List<Long> sockbuf;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run N times and print min, median, max and standard deviation.")
    int repeat;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", converter = Durations.class,
            description = "Print a line per interval, as iperf3 does (1s, 500ms).")
    Duration interval;

    void apply(Run.Builder b) {
        b.parallel(parallel).reverse(reverse).bidir(bidir).repeat(repeat).interval(interval);
        if (sockbuf != null && !sockbuf.isEmpty()) {
            List<Integer> sizes = new ArrayList<>();
            for (Long v : sockbuf) {
                sizes.add(Options.toInt(v, "--sockbuf"));
            }
            b.sockbufs(sizes);
        }
    }
}
