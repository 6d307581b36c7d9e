package org.kttcp4j.formats;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.kttcp4j.report.LineFigure;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Mode;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.report.Affinities;
import org.kttcp4j.report.EndFigures;
import org.kttcp4j.measure.Line;
import org.kttcp4j.net.NetInterface;

/**
 * The default output: iperf3-style interval lines; per run a header (engines, the socket buffers the kernel
 * set) and one line per end with bytes, seconds, Gbit/s, MB/s, CPU and CPU s/GB, tagged when it ended early;
 * with a series one line per run and the statistics (a table with a sweep).
 */
public final class TextReporter implements RunListener {
    private final PrintWriter out;
    private boolean intervalHeader;
    private boolean sweep;
    private Run run;
    private Line.Rate lineRate;

    public TextReporter(PrintWriter out) {
        this.out = out;
    }

    /** --line-rate: the speed (and framing) each run's line is of; null for the interface's own. */
    public TextReporter lineRate(Line.Rate rate) {
        this.lineRate = rate;
        return this;
    }

    @Override
    public void started(Run run, String engineDescription) {
        this.run = run;
        sweep = run.sockbufs().size() > 1;
    }

    @Override
    public void runStarted(Run run, int sockbuf, int index) {
        // the interval header comes with the first interval: only then is it known whether TCP_INFO gave the
        // sender's Retr and Cwnd columns
    }

    /**
     * iperf3's interval lines: one per stream, and a [SUM] line when there are several; a sending end whose
     * kernel gives TCP_INFO adds iperf3's Retr and Cwnd columns (the sum has Retr only, as iperf3's).
     */
    @Override
    public void interval(Interval in) {
        boolean tcp = senderColumns(in);
        if (!intervalHeader) {
            out.println("[ ID] Interval           Transfer     Bitrate" + (tcp ? "         Retr  Cwnd" : ""));
            intervalHeader = true;
        }
        long[] b = in.streamBytes();
        if (!in.bidir()) {
            streamLines(in, 0, b.length, "", tcp);
            if (b.length > 1) {
                sumLine(in, "[SUM]", in.bytes(), in.retransmits(), tcp);
            }
        } else { // iperf3's --bidir layout: each direction's streams, then its sum, tagged [TX-C], [RX-C], ...
            for (boolean reverse : new boolean[] {false, true}) {
                int from = reverse ? in.reverseFrom() : 0;
                int to = reverse ? b.length : in.reverseFrom();
                String tag = "[" + Directions.tag(run, from + 1) + "]";
                streamLines(in, from, to, tag, tcp);
                sumLine(in, "[SUM]" + tag, in.bytes(reverse), in.retransmits(reverse), tcp);
            }
        }
        out.flush();
    }

    /** iperf3's Retr and Cwnd columns: when a sending end of this process gave TCP_INFO (a receiver's is in JSON). */
    private boolean senderColumns(Interval in) {
        if (in.streamTcp() == null) {
            return false;
        }
        for (int i = 0; i < in.streamBytes().length; i++) {
            if (run == null || run.meteredRole(i + 1) == Role.SENDER) {
                return true;
            }
        }
        return false;
    }

    private void streamLines(Interval in, int from, int to, String tag, boolean tcp) {
        for (int i = from; i < to; i++) {
            String line = intervalLine(String.format(Locale.ROOT, "[%3d]", i + 1) + tag, in, in.streamBytes()[i]);
            if (tcp) {
                var sample = in.tcp(i);
                line += tcpColumns(sample.flatMap(t -> opt(t.retransmits())), sample.flatMap(t -> opt(t.sndCwnd())));
            }
            out.println(line + omitted(in));
        }
    }

    private void sumLine(Interval in, String id, long bytes, OptionalLong retransmits, boolean tcp) {
        String line = intervalLine(id, in, bytes);
        if (tcp) {
            line += tcpColumns(opt(retransmits), Optional.empty());
        }
        out.println(line + omitted(in));
    }

    private static Optional<Long> opt(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    /** iperf3's "%4d   %ss": retransmits, then the cwnd as bytes; a figure the kernel lacks is blank. */
    static String tcpColumns(Optional<Long> retr, Optional<Long> cwnd) {
        return String.format(Locale.ROOT, "  %4s   %s", retr.map(String::valueOf).orElse(""),
                cwnd.map(c -> Iperf3Units.bytes(c)).orElse("")).stripTrailing();
    }

    private static String omitted(Interval in) {
        return in.omitted() ? "  (omitted)" : "";
    }

    static String intervalLine(String id, Interval in, long bytes) {
        return String.format(Locale.ROOT, "%s %6.2f-%-6.2f sec  %s  %s", id, in.start(), in.end(),
                Iperf3Units.bytes(bytes), Iperf3Units.bits(in.bitsPerSecond(bytes).orElse(0)));
    }

    @Override
    public void runEnded(RunResult r) {
        if (r.run().series()) {
            runLine(r);
        } else {
            print(r);
        }
    }

    /** One run in full. */
    void print(RunResult run) {
        SideResult first = run.sides().get(0);
        out.printf("kttcp4j %s: peer %s, kernel %s%s%s%s%n", run.run().mode().label(), Hosts.endpoint(first.peer()),
                run.run().kernelName(), run.run().streams() > 1 ? ", " + run.run().streams() + " streams" : "",
                run.run().bidir() ? " (--bidir: " + streams(1, run.run().parallel()) + " forward, the connecting end sends;"
                        + " " + streams(run.run().parallel() + 1, run.run().streams()) + " reverse)" : "",
                processes(run));
        for (Role role : Role.values()) {
            List<SideResult> ends = run.of(role);
            if (!ends.isEmpty()) {
                SideResult e = ends.get(0);
                out.printf("%-9s engine %s (%s), socket buffers send %d receive %d%s%n", role.label(), e.engine(),
                        e.engineDescription(), e.sendBuffer(), e.receiveBuffer(),
                        e.congestion() == null ? "" : ", congestion " + e.congestion());
                ends.stream().filter(x -> x.localInterface() != null).findFirst().ifPresent(x -> out.printf(
                        "%-9s interface %s%n", role.label(), x.localInterface().describe()));
            }
        }
        String pinned = Affinities.line(run); // -A
        if (pinned != null) {
            out.println(pinned);
        }
        for (Role role : Role.values()) {
            List<SideResult> ends = run.of(role);
            for (SideResult e : ends) {
                out.println(line(role.label() + (ends.size() > 1 || run.run().bidir() ? " [" + e.stream() + "]" : ""), e.transfer(),
                        EndFigures.ofEnd(run, e.transfer()), tags(e)) + wire(role, e));
            }
            if (ends.size() > 1) {
                SideResult bad = ends.stream().filter(SideResult::partial).findFirst().orElse(null);
                Transfer sum = run.sum(role);
                out.println(line(role.label() + " [SUM]", sum, EndFigures.ofSum(run, sum), bad == null ? "" : tags(bad)));
            }
        }
        if (run.run().bidir()) { // each direction as the run judges it: received where this process received
            for (boolean reverse : new boolean[] {false, true}) {
                Transfer d = run.direction(reverse);
                out.println(line(Directions.label(reverse), d, EndFigures.ofSum(run, d), ""));
            }
        }
        LineFigure lf = LineFigure.of(run, lineRate);
        if (!lf.silent()) { // no interface known: nothing to say (the fields are absent)
            out.println(lineLine(run, lf));
        }
        String own = EndFigures.shared(run) ? ", so a stream has no CPU s/GB of its own" : "";
        if (run.twoProcesses()) {
            out.println("(CPU figures are each end's own process's" + (run.run().streams() > 1
                    ? ": an end's streams share it" + own : "") + (run.peerCpu() != null ? "; the run's cover both processes)"
                    : "; the run's cover this one: the receiving process did not report)"));
        } else if (run.sides().size() > 1) {
            out.println("(CPU figures are the whole process's: all streams" + (run.run().mode().roles(false).size() > 1
                    ? " and both ends" : "") + " share it in this run" + own + ")");
        }
        out.flush();
    }

    private static String streams(int from, int to) {
        return from == to ? "stream " + from : "streams " + from + "-" + to;
    }

    /**
     * A loopback run's processes, for its header: ", two processes (receiver PID 1234)", ", one process", or for a
     * rump kernel (which lives inside one process, so its loopback never runs in two) ", one process (its kernel
     * lives in this process)".
     */
    static String processes(RunResult r) {
        if (r.run().mode() != Mode.LOOPBACK) {
            return "";
        }
        if (r.twoProcesses()) {
            return ", two processes (receiver PID " + r.peerPid() + ")";
        }
        return ", one process" + (r.run().hostKernel() ? "" : " (its kernel lives in this process)");
    }

    /**
     * "line      9.388 Gbit/s: 99.7 % of the line (9.415 Gbit/s at MTU 1500; 10 Gbit/s from veth1, ethernet
     * framing, timestamps)", or "line      none: lo is loopback: no link speed, so no line (--line-rate sets one)".
     */
    static String lineLine(RunResult run, LineFigure f) {
        if (f.line() == null) {
            return String.format("%-9s none: %s", "line", f.none());
        }
        Line l = f.line();
        String from = f.source() == LineFigure.Source.LINE_RATE ? LineFigure.Source.LINE_RATE.label()
                : "from " + LineFigure.end(run).localInterface().name();
        String detail = "; " + NetInterface.speedText(l.speedBitsPerSecond()) + " " + from + ", "
                + l.framing().label() + " framing, " + (f.timestamps() == null ? "timestamps unknown, counted as none"
                : f.timestamps() ? "timestamps" : "no timestamps") + ", " + l.payload() + " of " + l.wireBytes()
                + " bytes";
        return f.text().map(t -> String.format(Locale.ROOT, "%-9s %s: %s", "line", gbits(run.figures().bitsPerSecond()),
                t.substring(0, t.length() - 1) + detail + ")"))
                .orElse(String.format("%-9s %s%s (no rate measured)", "line", l.describe(), detail));
    }

    /** A sender's TCP_INFO at the end, as far as the kernel gives it: ", 12 retransmits, cwnd 1.20 MBytes, rtt 45 us". */
    static String wire(Role role, SideResult e) {
        if (role != Role.SENDER || e.tcpInfo() == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        e.tcpInfo().retransmits().ifPresent(r -> b.append(", ").append(r).append(" retransmits"));
        e.tcpInfo().sndCwndBytes().ifPresent(c -> b.append(", cwnd ").append(Iperf3Units.bytes(c)));
        e.tcpInfo().rttMicros().ifPresent(r -> b.append(", rtt ").append(r).append(" us"));
        return b.toString();
    }

    /** "sender    1073741824 bytes in 0.512 s = 16.78 Gbit/s (2097.2 MB/s), CPU user 0.02 s sys 0.48 s (98%), 0.47 CPU s/GB" */
    static String line(String who, Transfer t, Figures f, String tags) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s %d bytes in %.3f s = %s (%s), CPU user %.2f s sys %.2f s",
                who, t.bytes(), t.seconds(), gbits(f.bitsPerSecond()), megabytes(f.bitsPerSecond()),
                t.cpu().userMicros() / 1e6, t.cpu().sysMicros() / 1e6));
        if (f.cpuPercent().isPresent() && f.cpuSecondsPerGB().isPresent()) {
            b.append(String.format(Locale.ROOT, " (%.0f%%), %.2f CPU s/GB", f.cpuPercent().getAsDouble(),
                    f.cpuSecondsPerGB().getAsDouble()));
        } else if (f.cpuPercent().isPresent() && t.bytes() >= Figures.MIN_CPU_BYTES) {
            // measured, but not this line's figure: the process's CPU over other streams' bytes too (EndFigures)
            b.append(String.format(Locale.ROOT, " (%.0f%%)", f.cpuPercent().getAsDouble()));
        } else {
            b.append(" (CPU not measured: under " + Figures.MIN_CPU_NANOS / 1_000_000 + " ms or 1 MiB)");
        }
        if (t.clock() == Transfer.Clock.KERNEL) {
            b.append(", kernel clock");
        }
        return b.append(tags).toString();
    }

    /** How an end ended early, if it did. */
    static String tags(SideResult e) {
        Transfer t = e.transfer();
        StringBuilder b = new StringBuilder();
        if (e.stopped() != null) {
            b.append(" [stopped by ").append(e.stopped()).append(" after ").append(t.bytes()).append(" bytes]");
        } else if (t.partial()) {
            b.append(String.format(Locale.ROOT, " [partial: %d of %d bytes]", t.bytes(), t.requested()));
        }
        if (e.error() != null) {
            b.append(" [ended by error: ").append(e.error()).append(']');
        }
        return b.toString();
    }

    static String gbits(OptionalDouble bps) {
        return bps.isPresent() ? String.format(Locale.ROOT, "%.2f Gbit/s", bps.getAsDouble() / 1e9) : "(not measured) Gbit/s";
    }

    static String megabytes(OptionalDouble bps) {
        return bps.isPresent() ? String.format(Locale.ROOT, "%.1f MB/s", bps.getAsDouble() / 8 / 1e6) : "- MB/s";
    }

    /** One compact line for each of several runs. */
    void runLine(RunResult r) {
        Transfer t = r.headline();
        Figures f = r.figures();
        String label = r.run().sockbufs().size() > 1 ? "run " + r.index() + "/" + r.run().repeat() + " sockbuf " + r.sockbuf()
                : "run " + r.index() + "/" + r.run().repeat();
        String pct = LineFigure.of(r, lineRate).text().map(x -> " (" + x + ")").orElse("");
        out.printf(Locale.ROOT, "%s: %s %d bytes in %.3f s = %s%s, %s (CPU of %s)%s%n", label,
                r.run().bidir() ? "both directions" : r.sum(Role.RECEIVER) != null ? "received" : "sent", t.bytes(), t.seconds(), gbits(f.bitsPerSecond()), pct,
                f.cpuSecondsPerGB().isPresent() ? String.format(Locale.ROOT, "%.2f CPU s/GB", f.cpuSecondsPerGB().getAsDouble())
                        : "CPU s/GB not measured", r.cpuCovers(),
                r.stopped().map(s -> " [stopped by " + s + "]").orElse(r.failed() ? " [failed]" : ""));
        out.flush();
    }

    @Override
    public void summary(List<SummaryRow> rows) {
        if (sweep) {
            out.printf("%12s %12s %12s %10s %10s %5s%n", "sockbuf", "sndbuf set", "rcvbuf set", "Gbit/s", "CPU s/GB", "runs");
        }
        for (SummaryRow row : rows) {
            if (sweep) {
                out.printf(Locale.ROOT, "%12d %12s %12s %10s %10s %5d%n", row.sockbuf(), orDash(row.sndbufSet()),
                        orDash(row.rcvbufSet()), median(row.gbits()), median(row.cpuPerGB()), row.runs());
            } else {
                out.printf(Locale.ROOT, "%d runs: Gbit/s %s; CPU s/GB %s%n", row.runs(), stats(row.gbits()),
                        stats(row.cpuPerGB()));
            }
        }
        out.flush();
    }

    private static String orDash(Integer v) {
        return v == null ? "-" : v.toString();
    }

    private static String median(Stats s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.3f", s.median());
    }

    private static String stats(Stats s) {
        return s == null ? "not measured" : String.format(Locale.ROOT, "min %.3f median %.3f max %.3f stddev %.3f",
                s.min(), s.median(), s.max(), s.stddev());
    }

    @Override
    public void finished(Results results) {
        out.flush();
    }
}
