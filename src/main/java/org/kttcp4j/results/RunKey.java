package org.kttcp4j.results;

import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.engine.Units;

/**
 * What defines a run, so that a baseline and a new result are matched like for like: the tool and its engines
 * (for iperf3: "iperf3" on both ends), the kernel kind (host or rump; a rump kernel's directory is a machine's
 * detail), the mode (loopback, send, recv; iperf3's client), the socket-buffer size asked for (0: the system's
 * default), the parallel streams and the direction.
 */
public record RunKey(String tool, String mode, String engine, String receiverEngine, String kernel, long sockbuf,
        int parallel, boolean reverse) {

    /** The part that says what is measured with, as opposed to how the run was set up. */
    public String measuredWith() {
        return engine.equals(receiverEngine) ? engine : engine + "/" + receiverEngine;
    }

    /** The setup alone (socket buffer, streams, direction): what a kttcp4j run and an iperf3 run can share. */
    public List<Object> setup() {
        return List.of(sockbuf, parallel, reverse);
    }

    /** A short label for tables: "splice loopback, sockbuf 64 KiB, 2 streams, reverse". */
    public String label() {
        List<String> parts = new ArrayList<>();
        String head = measuredWith() + " " + mode + ("host".equals(kernel) ? "" : " (" + kernel + " kernel)");
        parts.add(head);
        parts.add(setupLabel());
        return String.join(", ", parts.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** "sockbuf 64 KiB, 2 streams, reverse", or "" for defaults. */
    public String setupLabel() {
        List<String> parts = new ArrayList<>();
        if (sockbuf > 0) {
            parts.add("sockbuf " + Units.binary(sockbuf));
        }
        if (parallel > 1) {
            parts.add(parallel + " streams");
        }
        if (reverse) {
            parts.add("reverse");
        }
        return String.join(", ", parts);
    }
}
