package org.kttcp4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.net.TcpOptions;
import org.kttcp4j.results.Metric;

/**
 * What shell completion (and --help's choices) offers for an option: the names as a user types them, lower case,
 * from the one list each choice has (picocli would offer an enum's constants, DISCARD and SPLICE).
 */
final class Candidates {
    private Candidates() {}

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** --engine, --receiver-engine, the C tool's -e. */
    static final class EngineNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        EngineNames() {
            super(Engines.NAMES);
        }
    }

    /** --sink: the splice engine's receiver. */
    static final class SinkNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SinkNames() {
            super(lower(Sink.values()));
        }
    }

    /** --source: the splice engine's sender. */
    static final class SourceNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SourceNames() {
            super(lower(Source.values()));
        }
    }

    /** compare --metric. */
    static final class MetricNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        MetricNames() {
            super(lower(Metric.values()));
        }
    }

    /**
     * --congestion: what the host that makes the completion script offers (Linux's
     * tcp_available_congestion_control); none where it cannot be read (NetBSD chooses it for the whole system).
     */
    static final class CongestionNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        CongestionNames() {
            super(TcpOptions.linuxAvailable());
        }
    }
}
