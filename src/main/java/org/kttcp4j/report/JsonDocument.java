package org.kttcp4j.report;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Json;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Mode;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.run.TcpSample;
import org.kttcp4j.measure.Line;
import org.kttcp4j.net.NetInterface;

/**
 * A run's results as the result document ({@link Document}, the one Jackson model that is also read back): the
 * mapping from {@link RunResult} and its parts, shared by the document writer (--json, --output) and the event
 * stream (--json-stream). A figure that was not measured is null; a TCP_INFO field a kernel does not give is
 * left out, never written as 0.
 */
public final class JsonDocument {
    private JsonDocument() {}

    /** One run as one document. */
    public static void run(Writer out, RunResult run, String version) {
        Json.document(out, of(run, version));
    }

    /** A series (--repeat, a socket-buffer sweep) as one document: its runs, their statistics, how it ended. */
    public static void series(Writer out, Results results, String version) {
        series(out, results, version, null);
    }

    public static void series(Writer out, Results results, String version, Line.Rate lineRate) {
        List<Document> runs = new ArrayList<>();
        for (RunResult r : results.runs()) {
            runs.add(of(r, version, lineRate));
        }
        Json.document(out, new Document.Series(runs, summary(results.summary()), results.stoppedBy(),
                results.error().orElse(null)));
    }

    /** One run's document: start, intervals, end. */
    public static Document of(RunResult run, String version) {
        return of(run, version, null);
    }

    /** One run's document, its line of --line-rate's speed (null: the interface's). */
    public static Document of(RunResult run, String version, Line.Rate lineRate) {
        return new Document(start(run.run(), run, version), intervals(run), end(run, lineRate), null);
    }

    /** The document without its intervals: --json-stream's "end" event (its intervals went as events). */
    static Document ended(RunResult run, String version, Line.Rate lineRate) {
        return new Document(start(run.run(), run, version), null, end(run, lineRate), null);
    }

    static List<Document.Interval> intervals(RunResult run) {
        List<Document.Interval> out = new ArrayList<>(run.intervals().size());
        for (Interval in : run.intervals()) {
            out.add(interval(in, run.run()));
        }
        return out;
    }

    static List<Document.SummaryRow> summary(List<SummaryRow> rows) {
        return rows.stream().map(JsonDocument::summaryRow).toList();
    }

    static Document.SummaryRow summaryRow(SummaryRow row) {
        return new Document.SummaryRow(row.sockbuf(), row.sndbufSet(), row.rcvbufSet(), row.runs(), stats(row.gbits()),
                stats(row.cpuPerGB()));
    }

    private static Document.Stats stats(Stats s) {
        return s == null ? null : new Document.Stats(s.n(), s.min(), s.median(), s.max(), s.stddev());
    }

    private static Document.TestStart testStart(Run s, int sockbuf) {
        return new Document.TestStart("TCP", s.parallel(), s.buffer(), s.bytes() == null ? 0 : s.bytes(),
                s.time() == null ? 0 : s.time().toMillis() / 1000.0, s.omit() == null ? 0 : s.omit().toMillis() / 1000.0,
                s.reverse() ? 1 : 0, s.bidir() ? 1 : 0, sockbuf, s.engine(),
                s.mode() == Mode.LOOPBACK ? s.receiverEngine() : null);
    }

    /**
     * "start"; run null for the event stream's start event, before any connection (written in the view that
     * leaves out what only a connection tells).
     */
    static Document.Start start(Run s, RunResult run, String version) {
        String system = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        if (run == null) {
            return new Document.Start(version, system, s.mode().label(), s.kernelName(), null,
                    testStart(s, s.sockbufs().get(0)), null, null, null, null, null, null, null, null);
        }
        List<Document.Connected> connected = run.sides().stream().filter(x -> x.role() == s.meteredRole(x.stream()))
                .map(e -> new Document.Connected(e.stream(), Hosts.numeric(e.peer().getAddress()), e.peer().getPort()))
                .toList();
        return new Document.Start(version, system, s.mode().label(), s.kernelName(), connected,
                testStart(s, run.sockbuf()), run.sockbuf(), run.sndbufSet(), run.rcvbufSet(),
                new Document.Timestamp(run.started().getEpochSecond(), run.started().toString()),
                Affinities.json(run), null, null, interfaces(run));
    }

    /** start.interface: per end this process played, its first stream's interface; null when none said. */
    static java.util.Map<String, Document.Interface> interfaces(RunResult run) {
        java.util.Map<String, Document.Interface> out = new java.util.LinkedHashMap<>();
        for (Role role : new Role[] {Role.SENDER, Role.RECEIVER}) {
            run.of(role).stream().filter(e -> e.localInterface() != null).findFirst()
                    .ifPresent(e -> out.put(role.label(), iface(e.localInterface())));
        }
        return out.isEmpty() ? null : out;
    }

    static Document.Interface iface(NetInterface i) {
        return new Document.Interface(i.name(), i.driver(), i.loopback(), i.speedBitsPerSecond(), i.mtu(), i.media(),
                i.offloadsEnabled(), i.offloadsAvailable(), i.notes());
    }

    /** end.kttcp4j_run.line, or null with the reason in line_none. */
    static Document.Line line(LineFigure f) {
        if (f.line() == null) {
            return null;
        }
        Line l = f.line();
        return new Document.Line(l.bitsPerSecond(), f.percent(), l.speedBitsPerSecond(), l.mtu(), l.framing().label(),
                l.payload(), l.wireBytes(), f.timestamps(), f.source().label());
    }

    /**
     * One interval: its streams, "sum" (with --bidir the forward direction's) and, with --bidir,
     * "sum_bidir_reverse" as iperf3 names it; "sender" says whether the metered end of that stream sends.
     */
    static Document.Interval interval(Interval in, Run run) {
        long[] b = in.streamBytes();
        List<Document.IntervalSum> streams = new ArrayList<>(b.length);
        for (int i = 0; i < b.length; i++) {
            TcpSample t = in.tcp(i).orElse(null); // iperf3's sender fields (and a receiver's), those the kernel gives
            streams.add(new Document.IntervalSum(i + 1, in.start(), in.end(), in.seconds(), b[i],
                    number(in.bitsPerSecond(b[i])), t == null ? null : boxed(t.retransmits()),
                    t == null ? null : boxed(t.sndCwnd()), t == null ? null : boxed(t.rtt()),
                    t == null ? null : boxed(t.rttvar()), t == null ? null : boxed(t.rcvRtt()),
                    t == null ? null : boxed(t.rcvOutOfOrder()), in.omitted(), run.meteredRole(i + 1) == Role.SENDER));
        }
        Document.IntervalSum sum = intervalSum(in, in.bytes(false), in.retransmits(false),
                run.meteredRole(1) == Role.SENDER);
        Document.IntervalSum reverse = in.bidir() ? intervalSum(in, in.bytes(true), in.retransmits(true),
                run.meteredRole(in.reverseFrom() + 1) == Role.SENDER) : null;
        return new Document.Interval(streams, sum, reverse);
    }

    private static Document.IntervalSum intervalSum(Interval in, long bytes, OptionalLong retransmits, boolean sender) {
        return new Document.IntervalSum(null, in.start(), in.end(), in.seconds(), bytes, number(in.bitsPerSecond(bytes)),
                boxed(retransmits), null, null, null, null, null, in.omitted(), sender);
    }

    static Document.End end(RunResult run) {
        return end(run, null);
    }

    static Document.End end(RunResult run, Line.Rate lineRate) {
        List<Document.EndStream> streams = new ArrayList<>();
        for (int stream = 1; stream <= run.run().streams(); stream++) { // the ends of each stream this process played
            Document.EndSum sender = null;
            Document.EndSum receiver = null;
            for (SideResult e : run.sides()) {
                if (e.stream() != stream) {
                    continue;
                }
                if (e.role() == Role.SENDER) {
                    sender = senderSum(run, e, stream - 1);
                } else {
                    receiver = new Document.EndSum(e.stream(), e.transfer().seconds(), e.transfer().bytes(),
                            number(e.transfer().figures().bitsPerSecond()), null, false);
                }
            }
            streams.add(new Document.EndStream(sender, receiver));
        }
        // per direction, as iperf3 names them: sum_sent, sum_received, and with --bidir the *_bidir_reverse pair
        Document.EndSum[] sums = new Document.EndSum[4];
        for (boolean reverse : run.run().bidir() ? new boolean[] {false, true} : new boolean[] {false}) {
            List<SideResult> senders = run.of(Role.SENDER).stream()
                    .filter(e -> run.run().reverseDirection(e.stream()) == reverse).toList();
            Transfer sent = run.sum(Role.SENDER, reverse);
            Transfer received = run.sum(Role.RECEIVER, reverse);
            int at = reverse ? 2 : 0;
            sums[at] = sent == null ? null : new Document.EndSum(null, sent.seconds(), sent.bytes(),
                    number(sent.figures().bitsPerSecond()), boxed(retransmits(senders)), true);
            sums[at + 1] = received == null ? null : new Document.EndSum(null, received.seconds(), received.bytes(),
                    number(received.figures().bitsPerSecond()), null, false);
        }
        Figures f = run.figures();
        Document.Cpu cpu = new Document.Cpu(number(f.cpuPercent()),
                number(Figures.cpuPercent(new CpuTime(run.cpu().userMicros(), 0), run.wallNanos())),
                number(Figures.cpuPercent(new CpuTime(0, run.cpu().sysMicros()), run.wallNanos())));
        List<Document.KttcpEnd> ends = run.sides().stream().map(e -> side(run, e)).toList();
        LineFigure lineFigure = LineFigure.of(run, lineRate);
        Document.RunFigures figures = new Document.RunFigures(number(f.bitsPerSecond()), number(f.cpuSecondsPerGB()),
                (run.twoProcesses() ? "" : "this process: ") + run.cpuCovers(),
                run.run().mode() == Mode.LOOPBACK ? (Integer) (run.twoProcesses() ? 2 : 1) : null, // each end's own CPU is in "kttcp4j"
                run.run().mode() == Mode.LOOPBACK && run.twoProcesses() ? (Long) run.peerPid() : null,
                run.cpu().userMicros() / 1e6, run.cpu().sysMicros() / 1e6, run.wallNanos() / 1e9, run.failed(),
                run.stopped().orElse(null), line(lineFigure), lineFigure.silent() ? null : lineFigure.none());
        // iperf3's names, in "end" as iperf3 has them: the congestion control each end's connections ran (-C)
        return new Document.End(streams, sums[0], sums[1], sums[2], sums[3], cpu, congestion(run, Role.SENDER),
                congestion(run, Role.RECEIVER), ends, figures);
    }

    private static String congestion(RunResult run, Role role) {
        return run.of(role).stream().map(SideResult::congestion).filter(c -> c != null).findFirst().orElse(null);
    }

    /**
     * A sending stream's end with its TCP_INFO figures under iperf3's names: retransmits over the run, the last
     * snd_cwnd, rtt and rttvar, and iperf3's max_snd_cwnd, max_rtt, min_rtt, mean_rtt over the intervals.
     */
    private static Document.EndSum senderSum(RunResult run, SideResult e, int stream) {
        Transfer t = e.transfer();
        Double bps = number(t.figures().bitsPerSecond());
        if (e.tcpInfo() == null) {
            return new Document.EndSum(e.stream(), t.seconds(), t.bytes(), bps, null, true);
        }
        LongSummaryStatistics cwnd = new LongSummaryStatistics();
        LongSummaryStatistics rtt = new LongSummaryStatistics();
        for (Interval in : run.intervals()) {
            in.tcp(stream).ifPresent(s -> {
                s.sndCwnd().ifPresent(cwnd::accept);
                s.rtt().ifPresent(rtt::accept);
            });
        }
        boolean rtts = rtt.getCount() > 0;
        return new Document.EndSum(e.stream(), 0, t.seconds(), t.seconds(), t.bytes(), bps,
                boxed(e.tcpInfo().retransmits()), boxed(e.tcpInfo().sndCwndBytes()), boxed(e.tcpInfo().rttMicros()),
                boxed(e.tcpInfo().rttvarMicros()), cwnd.getCount() > 0 ? (Long) cwnd.getMax() : null,
                rtts ? (Long) rtt.getMax() : null, rtts ? (Long) rtt.getMin() : null,
                rtts ? (Long) Math.round(rtt.getAverage()) : null, true);
    }

    /** The senders' retransmits summed: empty when no sender's kernel counted them. */
    public static OptionalLong retransmits(List<SideResult> senders) {
        long sum = 0;
        boolean any = false;
        for (SideResult e : senders) {
            if (e.tcpInfo() != null && e.tcpInfo().retransmits().isPresent()) {
                sum += e.tcpInfo().retransmits().getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /**
     * One end of one stream, with its own figures: the process's CPU during this end's transfer; CPU s/GB null
     * where it would be the process's CPU over one of several streams' bytes ({@link EndFigures}).
     */
    static Document.KttcpEnd side(RunResult run, SideResult r) {
        Transfer t = r.transfer();
        Figures f = EndFigures.ofEnd(run, t);
        Document.TcpInfo tcp = r.tcpInfo() == null ? null : new Document.TcpInfo(boxed(r.tcpInfo().retransmits()),
                boxed(r.tcpInfo().sndCwndBytes()), boxed(r.tcpInfo().sndMss()), boxed(r.tcpInfo().rttMicros()),
                boxed(r.tcpInfo().rttvarMicros()), boxed(r.tcpInfo().rcvRttMicros()), boxed(r.tcpInfo().rcvOutOfOrder()));
        return new Document.KttcpEnd(r.role().label(), r.stream(), r.engine(), r.engineDescription(),
                t.clock().name().toLowerCase(Locale.ROOT), t.requested() == Transfer.OPEN ? -1 : t.requested(), t.bytes(),
                t.seconds(), number(f.bitsPerSecond()), t.cpu().userMicros() / 1e6, t.cpu().sysMicros() / 1e6,
                number(f.cpuSecondsPerGB()), t.calls(), r.sendBuffer(), r.receiveBuffer(),
                Hosts.numeric(r.peer().getAddress()), r.peer().getPort(), r.partial(), r.error(), r.stopped(), tcp);
    }

    static Double number(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
