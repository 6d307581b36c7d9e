package org.kttcp4j.cli;

import java.nio.file.Path;
import org.kttcp4j.measure.Line;
import org.kttcp4j.report.Thresholds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What the run prints, the files it leaves (--output, --junit) and what it must reach (--expect-*). */
final class OutputOptions {
    // plain options checked by format(), not an @ArgGroup: picocli lists a mixin's group twice in --help
    @Option(names = {"-J", "--json"}, description = "One JSON document (iperf3's shape) instead of text.")
    boolean json;

    @Option(names = "--json-stream",
            description = "One JSON event per line: start, each interval, end (iperf3 3.17's --json-stream).")
    boolean jsonStream;

    @Option(names = "--csv",
            description = "CSV instead of text: one header, a row per interval, per end and per run, and the"
                    + " statistics of a series (the README lists the columns).")
    boolean csv;

    @Option(names = {"-q", "--quiet"}, description = "No live progress line.")
    boolean quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Also write the JSON document (as --json prints it) to FILE, whatever stdout shows.")
    Path output;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write JUnit XML to FILE: a testcase per run (per size with a series), failed when it"
                    + " misses an --expect-* threshold, in error when the run failed.")
    Path junit;

    @Option(names = "--expect-gbits", paramLabel = "N", converter = Positive.class,
            description = "Throughput the run must reach (with a series: the median), else exit 3.")
    Double expectGbits;

    @Option(names = "--expect-cpu-per-gb", paramLabel = "N", converter = Positive.class,
            description = "CPU seconds per GB the run may use at most (with a series: the median), else exit 3.")
    Double expectCpuPerGB;

    @Option(names = "--expect-line", paramLabel = "PCT", converter = Positive.class,
            description = "Percent of the line (the TCP goodput the interface's link can carry, docs/nic.md) the run"
                    + " must reach (with a series: the median), else exit 3.")
    Double expectLine;

    @Option(names = "--line-rate", paramLabel = "RATE[:FRAMING]", converter = LineRateConverter.class,
            description = "The link speed the line is of, where the kernel does not know it or a shaper sets it:"
                    + " bits per second with k, m, g (powers of 1000), e.g. 10gbit; FRAMING ethernet (the wire's 38"
                    + " bytes per frame, the default) or l2 (the 14 a shaper such as tbf counts): 1gbit:l2.")
    Line.Rate lineRate;

    /** Refuses two formats at once: stdout holds one. */
    void checkFormat() {
        if ((json ? 1 : 0) + (jsonStream ? 1 : 0) + (csv ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--json, --json-stream and --csv are exclusive: give one");
        }
    }

    boolean json() {
        return json;
    }

    boolean jsonStream() {
        return jsonStream;
    }

    boolean csv() {
        return csv;
    }

    Thresholds thresholds() {
        return new Thresholds(expectGbits, expectCpuPerGB, expectLine, lineRate);
    }

    /** --line-rate's speed and framing, null for the interface's own. */
    Line.Rate lineRate() {
        return lineRate;
    }

    static final class LineRateConverter implements ITypeConverter<Line.Rate> {
        @Override
        public Line.Rate convert(String value) {
            try {
                return Line.Rate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A threshold: a finite number above 0. */
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number (give one above 0, e.g. 5 or 0.25)");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new TypeConversionException("'" + value + "' must be a number above 0 (e.g. 5 or 0.25)");
            }
            return v;
        }
    }
}
