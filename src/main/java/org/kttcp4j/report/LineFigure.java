package org.kttcp4j.report;

import java.net.Inet6Address;
import java.util.Optional;
import java.util.OptionalLong;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Line;
import org.kttcp4j.net.NetInterface;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.net.Hosts;

/**
 * A run's line and how close its figure came to it: {@link Line} for the interface of the run's first sending
 * end this process played (else its first receiving end), its speed ({@code --line-rate} where given, else the
 * kernel's), the interface's MTU, and the connection's MSS and timestamps from its TCP_INFO. When there is no
 * line, {@link #none} says why (loopback, no speed, no interface); nothing is guessed.
 *
 * @param line null when there is none
 * @param percent the run's headline rate as a percent of the line, null when either is missing
 * @param source where the line's speed came from, null without a line
 * @param timestamps whether TCP_INFO said the connection carries timestamps, null when it did not say
 * @param none why there is no line, null when there is one
 */
public record LineFigure(Line line, Double percent, Source source, Boolean timestamps, String none) {

    /** Where a line's speed came from; {@link #label} is the JSON document's "source". */
    public enum Source {
        /** The kernel's speed of the interface. */
        INTERFACE("interface"),
        /** The user's --line-rate. */
        LINE_RATE("--line-rate");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The run's line, with --line-rate's speed and framing when given (rate may be null). */
    public static LineFigure of(RunResult run, Line.Rate rate) {
        SideResult end = end(run);
        if (end == null) {
            return new LineFigure(null, null, rate != null ? Source.LINE_RATE : null, null, NO_INTERFACE + ": the kernel"
                    + " did not say which holds the connection" + (rate != null ? ", so no MTU for --line-rate's line" : ""));
        }
        NetInterface i = end.localInterface();
        if (i.mtu() == null) {
            return new LineFigure(null, null, null, null, i.name() + ": no MTU (SIOCGIFMTU failed)");
        }
        Long speed = rate != null ? Long.valueOf(rate.bitsPerSecond()) : i.speedBitsPerSecond();
        if (speed == null) {
            return new LineFigure(null, null, null, null, i.loopback() ? i.name() + " is loopback: no link speed,"
                    + " so no line (--line-rate sets one)" : i.name() + " reports no link speed (--line-rate sets one)");
        }
        TcpInfo t = end.tcpInfo();
        OptionalLong mss = t == null ? OptionalLong.empty() : t.sndMss();
        Optional<Boolean> ts = t == null ? Optional.empty() : t.timestamps();
        // the IP header the segments carry: an IPv6 socket's IPv4-mapped peer is an IPv4 connection
        boolean v6 = end.peer() != null && Hosts.unmapped(end.peer().getAddress()) instanceof Inet6Address;
        Line line;
        try {
            line = Line.of(speed, i.mtu(), mss, ts.orElse(false), v6,
                    rate != null ? rate.framing() : Line.Framing.ETHERNET);
        } catch (IllegalArgumentException e) {
            return new LineFigure(null, null, null, null, e.getMessage());
        }
        var bps = run.figures().bitsPerSecond();
        return new LineFigure(line, bps.isPresent() ? line.percent(bps.getAsDouble()) : null,
                rate != null ? Source.LINE_RATE : Source.INTERFACE, ts.orElse(null), null);
    }

    /** Nothing to say: no end's kernel named an interface and no --line-rate was given (a fake kernel, nio elsewhere). */
    public boolean silent() {
        return line == null && source == null && none != null && none.startsWith(NO_INTERFACE);
    }

    static final String NO_INTERFACE = "no interface";

    /** The end whose interface the line is of: the first sender with an interface, else the first receiver. */
    public static SideResult end(RunResult run) {
        for (Role role : new Role[] {Role.SENDER, Role.RECEIVER}) {
            for (SideResult s : run.of(role)) {
                if (s.localInterface() != null) {
                    return s;
                }
            }
        }
        return null;
    }

    /** "99.7 % of the line (9.415 Gbit/s at MTU 1500)"; empty without a line or a rate. */
    public Optional<String> text() {
        if (line == null || percent == null) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "%.1f %% of the line (%s)", percent, line.describe()));
    }
}
