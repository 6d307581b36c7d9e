package org.kttcp4j.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What the run prints. */
final class OutputOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Format format;

    static final class Format {
        @Option(names = {"-J", "--json"}, required = true, description = "One JSON document (iperf3's shape) instead of text.")
        boolean json;

        @Option(names = "--json-stream", required = true,
                description = "One JSON event per line: start, each interval, end (iperf3 3.17's --json-stream).")
        boolean jsonStream;
    }

    @Option(names = {"-q", "--quiet"}, description = "No live progress line.")
    boolean quiet;

    boolean json() {
        return format != null && format.json;
    }

    boolean jsonStream() {
        return format != null && format.jsonStream;
    }
}
