package org.kttcp4j.cli;

import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** What the wire is asked to do, as iperf3's -C, -N and -M (per-socket TCP options), and its warm-up, -O. */
final class WireOptions {
    @Option(names = {"-C", "--congestion"}, paramLabel = "NAME", completionCandidates = Candidates.CongestionNames.class,
            description = "Congestion control for every socket (Linux: TCP_CONGESTION; the choices are in"
                    + " /proc/sys/net/ipv4/tcp_available_congestion_control). NetBSD chooses it for the whole system:"
                    + " sysctl net.inet.tcp.congctl.selected.")
    String congestion;

    @Option(names = {"-N", "--nodelay"}, description = "TCP_NODELAY: no Nagle delay on every socket.")
    boolean noDelay;

    @Option(names = {"-M", "--mss"}, paramLabel = "BYTES", converter = ByteCount.class,
            description = "TCP_MAXSEG: the largest segment to send (Linux: set before connecting; NetBSD: lowers the"
                    + " peer's MSS once connected).")
    Long mss;

    @Option(names = {"-O", "--omit"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Leave the first DURATION out of the figures (slow start), its intervals marked omitted, as"
                    + " iperf3 -O; the sender runs it on top of --time. Give both ends the same.")
    java.time.Duration omit;

    void apply(Run.Builder b) {
        b.omit(omit);
        if (congestion != null) {
            b.congestion(congestion);
        }
        b.noDelay(noDelay);
        if (mss != null) {
            b.mss(Options.toInt(mss, "--mss"));
        }
    }
}
