package org.kttcp4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    // not picocli's split: it drops a trailing empty item ("64k," passed) and keeps inner ones ("64k,,1m" failed)
    @Option(names = {"-b", "--sockbuf"}, paramLabel = "BYTES[,BYTES...]",
            description = "SO_SNDBUF/SO_RCVBUF to ask for (default: the kernel's autotuning); several, comma-separated"
                    + " and each once, run each in turn and print a table (64k,256k,1m,4m).")
    List<String> sockbuf;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run N times and print min, median, max and standard deviation.")
    int repeat;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Print a line per interval, as iperf3 does (1s, 500ms).")
    Duration interval;

    void apply(Run.Builder b) {
        b.parallel(parallel).reverse(reverse).bidir(bidir).repeat(repeat).interval(interval);
        if (sockbuf != null && !sockbuf.isEmpty()) {
            b.sockbufs(sizes(sockbuf));
        }
    }

    /**
     * The sweep's sizes, in the order given: every item between commas is a size (an empty one is refused, also at
     * the end), and each size comes once. A size given twice is refused rather than run twice or dropped: a sweep
     * is a table with a row per size, and two rows of one size are a typo (--repeat runs each size N times).
     */
    static List<Integer> sizes(List<String> values) {
        List<Integer> sizes = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw new IllegalArgumentException("--sockbuf " + value + " has an empty size: give sizes"
                            + " separated by single commas, e.g. 64k,256k,1m");
                }
                long v;
                try {
                    v = ByteCount.parse(item.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--sockbuf: " + e.getMessage()
                            + " (use digits with an optional k, m or g, e.g. 64k)");
                }
                int size = Options.toInt(v, "--sockbuf");
                String before = seen.putIfAbsent(size, item.trim());
                if (before != null) {
                    throw new IllegalArgumentException("--sockbuf gives " + size + " bytes twice (" + before + " and "
                            + item.trim() + "): give each size once (--repeat N runs each size N times)");
                }
                sizes.add(size);
            }
        }
        return sizes;
    }
}
