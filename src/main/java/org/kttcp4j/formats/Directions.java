package org.kttcp4j.formats;

import org.kttcp4j.run.Mode;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;

/**
 * --bidir's two directions as the outputs name them: "forward" (the connecting end sends: streams 1 to
 * --parallel) and "reverse" (iperf3's bidir reverse: the accepting end sends), and iperf3's stream tags: TX or
 * RX for the metered end's role, -C for the connecting end, -S for the accepting end (a one-process loopback
 * meters each stream's sender, whichever end that is).
 */
final class Directions {
    private Directions() {}

    static String label(boolean reverse) {
        return reverse ? "reverse" : "forward";
    }

    /** iperf3's "[TX-C]" tag of stream s (1-based) without the brackets. */
    static String tag(Run run, int stream) {
        // the metered end is the accepting one in recv, and in a one-process loopback where the accepting end sends
        boolean accepting = run.mode() == Mode.ACCEPT || (run.mode() == Mode.LOOPBACK && run.processes() == 1
                && (run.reverse() || run.reverseDirection(stream)));
        return (run.meteredRole(stream) == Role.SENDER ? "TX" : "RX") + (accepting ? "-S" : "-C");
    }
}
