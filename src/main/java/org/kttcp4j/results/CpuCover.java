package org.kttcp4j.results;

/**
 * Whose CPU a CPU figure of a result file counts, so that like is compared with like: both ends (kttcp4j's
 * loopback, in one process or two; iperf3's client file, which adds the server's CPU it was sent), or one end's
 * process alone (kttcp4j send or recv; iperf3's server file, which knows only its own).
 */
public enum CpuCover {
    BOTH("both ends"),
    SENDER("the sender"),
    RECEIVER("the receiver");

    private final String label;

    CpuCover(String label) {
        this.label = label;
    }

    /** "both ends", "the sender", "the receiver": what a table or a chart's label says. */
    public String label() {
        return label;
    }

    /** The one end of a role: the sender, or the receiver. */
    static CpuCover of(boolean sender) {
        return sender ? SENDER : RECEIVER;
    }
}
