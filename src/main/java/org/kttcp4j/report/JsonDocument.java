package org.kttcp4j.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;

/**
 * Runs as JSON in iperf3's shape where it fits (esnet/iperf's -J output): "start" (settings, connections,
 * socket buffers), "intervals" (per stream and summed), "end" (per-stream sender/receiver, sum_sent,
 * sum_received, cpu_utilization_percent), plus what iperf3 has no field for: "end.kttcp4j", one object per end
 * (engine, clock, CPU, calls, partial, error, stopped), and "end.kttcp4j_run", the run's own figures. A figure
 * that was not measured is null. The pieces are shared by the document writer (--json, --output) and the event
 * stream (--json-stream).
 */
public final class JsonDocument {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonDocument() {}

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one JSON value and a newline; pretty for documents, one line for events. */
    static void emit(Writer out, boolean pretty, Body body) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run as one document. */
    public static void run(Writer out, RunResult run, String version) {
        emit(out, true, g -> document(g, run, version));
    }

    /** A series (--repeat, a socket-buffer sweep) as one document: its runs, their statistics, how it ended. */
    public static void series(Writer out, Results results, String version) {
        emit(out, true, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("runs");
            for (RunResult r : results.runs()) {
                document(g, r, version);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("summary");
            for (SummaryRow row : results.summary()) {
                summaryRow(g, row);
            }
            g.writeEndArray();
            ending(g, results);
            g.writeEndObject();
        });
    }

    static void ending(JsonGenerator g, Results results) throws IOException {
        nullable(g, "stopped", results.stoppedBy());
        nullable(g, "error", results.error().orElse(null));
    }

    static void summaryRow(JsonGenerator g, SummaryRow row) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sock_bufsize", row.sockbuf());
        nullable(g, "sndbuf_actual", row.sndbufSet());
        nullable(g, "rcvbuf_actual", row.rcvbufSet());
        g.writeNumberField("runs", row.runs());
        stats(g, "gbits_per_second", row.gbits());
        stats(g, "cpu_seconds_per_gb", row.cpuPerGB());
        g.writeEndObject();
    }

    private static void stats(JsonGenerator g, String name, Stats s) throws IOException {
        if (s == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("n", s.n());
        g.writeNumberField("min", s.min());
        g.writeNumberField("median", s.median());
        g.writeNumberField("max", s.max());
        g.writeNumberField("stddev", s.stddev());
        g.writeEndObject();
    }

    static void document(JsonGenerator g, RunResult run, String version) throws IOException {
        g.writeStartObject();
        g.writeFieldName("start");
        start(g, run.run(), run, version);
        g.writeArrayFieldStart("intervals");
        for (Interval in : run.intervals()) {
            interval(g, in, run.run());
        }
        g.writeEndArray();
        g.writeFieldName("end");
        end(g, run);
        g.writeEndObject();
    }

    static void testStart(JsonGenerator g, Run s, int sockbuf) throws IOException {
        g.writeObjectFieldStart("test_start");
        g.writeStringField("protocol", "TCP");
        g.writeNumberField("num_streams", s.parallel());
        g.writeNumberField("blksize", s.buffer());
        g.writeNumberField("bytes", s.bytes() == null ? 0 : s.bytes());
        g.writeNumberField("duration", s.time() == null ? 0 : s.time().toMillis() / 1000.0);
        g.writeNumberField("omit", s.omit() == null ? 0 : s.omit().toMillis() / 1000.0);
        g.writeNumberField("reverse", s.reverse() ? 1 : 0);
        g.writeNumberField("bidir", s.bidir() ? 1 : 0);
        g.writeNumberField("sock_bufsize", sockbuf);
        g.writeStringField("engine", s.engine());
        g.writeStringField("receiver_engine", s.mode() == org.kttcp4j.run.Mode.LOOPBACK ? s.receiverEngine() : null);
        g.writeEndObject();
    }

    /** "start": run null for the event stream's start event, before any connection. */
    static void start(JsonGenerator g, Run s, RunResult run, String version) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", version);
        g.writeStringField("system_info", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        g.writeStringField("mode", s.mode().label());
        g.writeStringField("kernel", s.kernelName());
        if (run != null) {
            g.writeArrayFieldStart("connected");
            for (SideResult e : run.sides().stream().filter(x -> x.role() == s.meteredRole(x.stream())).toList()) {
                g.writeStartObject();
                g.writeNumberField("socket", e.stream());
                g.writeStringField("remote_host", Hosts.numeric(e.peer().getAddress()));
                g.writeNumberField("remote_port", e.peer().getPort());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        testStart(g, s, run == null ? s.sockbufs().get(0) : run.sockbuf());
        if (run != null) {
            g.writeNumberField("sock_bufsize", run.sockbuf());
            nullable(g, "sndbuf_actual", run.sndbufSet());
            nullable(g, "rcvbuf_actual", run.rcvbufSet());
            g.writeObjectFieldStart("timestamp");
            g.writeNumberField("timesecs", run.started().getEpochSecond());
            g.writeStringField("time", run.started().toString());
            g.writeEndObject();
            Affinities.json(g, run); // -A
        }
        g.writeEndObject();
    }

    /**
     * One interval: its streams, "sum" (with --bidir the forward direction's) and, with --bidir,
     * "sum_bidir_reverse" as iperf3 names it; "sender" says whether the metered end of that stream sends.
     */
    static void interval(JsonGenerator g, Interval in, Run run) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("streams");
        long[] b = in.streamBytes();
        for (int i = 0; i < b.length; i++) {
            int stream = i;
            intervalSum(g, i + 1, in, b[i], run.meteredRole(i + 1) == Role.SENDER, () -> {
                var t = in.tcp(stream);
                if (t.isPresent()) { // iperf3's sender fields, those the kernel gives
                    optional(g, "retransmits", t.get().retransmits());
                    optional(g, "snd_cwnd", t.get().sndCwnd());
                    optional(g, "rtt", t.get().rtt());
                    optional(g, "rttvar", t.get().rttvar());
                    optional(g, "rcv_rtt", t.get().rcvRtt()); // a receiver's: its RTT estimate, out-of-order segments
                    optional(g, "rcv_ooopack", t.get().rcvOutOfOrder());
                }
            });
        }
        g.writeEndArray();
        g.writeFieldName("sum");
        intervalSum(g, 0, in, in.bytes(false), run.meteredRole(1) == Role.SENDER,
                () -> optional(g, "retransmits", in.retransmits(false)));
        if (in.bidir()) {
            g.writeFieldName("sum_bidir_reverse");
            intervalSum(g, 0, in, in.bytes(true), run.meteredRole(in.reverseFrom() + 1) == Role.SENDER,
                    () -> optional(g, "retransmits", in.retransmits(true)));
        }
        g.writeEndObject();
    }

    /** Writes what a kernel gave; a figure it does not have is left out, never written as 0. */
    static void optional(JsonGenerator g, String name, java.util.OptionalLong v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsLong());
        }
    }

    /** More fields of an object being written. */
    interface Fields {
        void write() throws IOException;
    }

    private static void intervalSum(JsonGenerator g, int socket, Interval in, long bytes, boolean sender, Fields more)
            throws IOException {
        g.writeStartObject();
        if (socket > 0) {
            g.writeNumberField("socket", socket);
        }
        g.writeNumberField("start", in.start());
        g.writeNumberField("end", in.end());
        g.writeNumberField("seconds", in.seconds());
        g.writeNumberField("bytes", bytes);
        number(g, "bits_per_second", in.bitsPerSecond(bytes));
        more.write();
        g.writeBooleanField("omitted", in.omitted());
        g.writeBooleanField("sender", sender);
        g.writeEndObject();
    }

    static void end(JsonGenerator g, RunResult run) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("streams");
        for (int stream = 1; stream <= run.run().streams(); stream++) { // the ends of each stream this process played
            g.writeStartObject();
            for (SideResult e : run.sides()) {
                if (e.stream() != stream) {
                    continue;
                }
                boolean sender = e.role() == Role.SENDER;
                g.writeFieldName(sender ? "sender" : "receiver");
                int index = stream - 1;
                sum(g, e.transfer(), stream, sender, () -> {
                    if (sender) {
                        senderTcp(g, run, e, index);
                    }
                });
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        // per direction, as iperf3 names them: sum_sent, sum_received, and with --bidir the *_bidir_reverse pair
        for (boolean reverse : run.run().bidir() ? new boolean[] {false, true} : new boolean[] {false}) {
            String suffix = reverse ? "_bidir_reverse" : "";
            List<SideResult> senders = run.of(Role.SENDER).stream()
                    .filter(e -> run.run().reverseDirection(e.stream()) == reverse).toList();
            Transfer sent = run.sum(Role.SENDER, reverse);
            if (sent != null) {
                g.writeFieldName("sum_sent" + suffix);
                sum(g, sent, 0, true, () -> optional(g, "retransmits", retransmits(senders)));
            }
            Transfer received = run.sum(Role.RECEIVER, reverse);
            if (received != null) {
                g.writeFieldName("sum_received" + suffix);
                sum(g, received, 0, false);
            }
        }
        Figures f = run.figures();
        g.writeObjectFieldStart("cpu_utilization_percent");
        number(g, "host_total", f.cpuPercent());
        number(g, "host_user", Figures.cpuPercent(new org.kttcp4j.posix.CpuTime(run.cpu().userMicros(), 0), run.wallNanos()));
        number(g, "host_system", Figures.cpuPercent(new org.kttcp4j.posix.CpuTime(0, run.cpu().sysMicros()), run.wallNanos()));
        g.writeEndObject();
        // iperf3's names, in "end" as iperf3 has them: the congestion control each end's connections ran (-C)
        for (Role role : Role.values()) {
            String cc = run.of(role).stream().map(SideResult::congestion).filter(c -> c != null).findFirst().orElse(null);
            if (cc != null) {
                g.writeStringField(role == Role.SENDER ? "sender_tcp_congestion" : "receiver_tcp_congestion", cc);
            }
        }
        g.writeArrayFieldStart("kttcp4j");
        for (SideResult r : run.sides()) {
            side(g, r);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("kttcp4j_run");
        number(g, "bits_per_second", f.bitsPerSecond());
        number(g, "cpu_seconds_per_gb", f.cpuSecondsPerGB());
        g.writeStringField("cpu_covers", (run.twoProcesses() ? "" : "this process: ") + run.cpuCovers());
        if (run.run().mode() == org.kttcp4j.run.Mode.LOOPBACK) { // each end's own CPU is in "kttcp4j" above
            g.writeNumberField("processes", run.twoProcesses() ? 2 : 1);
            if (run.twoProcesses()) {
                g.writeNumberField("receiver_pid", run.peerPid());
            }
        }
        g.writeNumberField("cpu_user_seconds", run.cpu().userMicros() / 1e6);
        g.writeNumberField("cpu_system_seconds", run.cpu().sysMicros() / 1e6);
        g.writeNumberField("wall_seconds", run.wallNanos() / 1e9);
        g.writeBooleanField("failed", run.failed());
        nullable(g, "stopped", run.stopped().orElse(null));
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * A sending stream's TCP_INFO figures under iperf3's names: retransmits over the run, the last snd_cwnd, rtt
     * and rttvar, and iperf3's max_snd_cwnd, max_rtt, min_rtt, mean_rtt over the intervals.
     */
    private static void senderTcp(JsonGenerator g, RunResult run, SideResult e, int stream) throws IOException {
        if (e.tcpInfo() == null) {
            return;
        }
        optional(g, "retransmits", e.tcpInfo().retransmits());
        optional(g, "snd_cwnd", e.tcpInfo().sndCwndBytes());
        optional(g, "rtt", e.tcpInfo().rttMicros());
        optional(g, "rttvar", e.tcpInfo().rttvarMicros());
        java.util.LongSummaryStatistics cwnd = new java.util.LongSummaryStatistics();
        java.util.LongSummaryStatistics rtt = new java.util.LongSummaryStatistics();
        for (Interval in : run.intervals()) {
            in.tcp(stream).ifPresent(t -> {
                t.sndCwnd().ifPresent(cwnd::accept);
                t.rtt().ifPresent(rtt::accept);
            });
        }
        if (cwnd.getCount() > 0) {
            g.writeNumberField("max_snd_cwnd", cwnd.getMax());
        }
        if (rtt.getCount() > 0) {
            g.writeNumberField("max_rtt", rtt.getMax());
            g.writeNumberField("min_rtt", rtt.getMin());
            g.writeNumberField("mean_rtt", Math.round(rtt.getAverage()));
        }
    }

    /** The senders' retransmits summed: empty when no sender's kernel counted them. */
    static java.util.OptionalLong retransmits(List<SideResult> senders) {
        long sum = 0;
        boolean any = false;
        for (SideResult e : senders) {
            if (e.tcpInfo() != null && e.tcpInfo().retransmits().isPresent()) {
                sum += e.tcpInfo().retransmits().getAsLong();
                any = true;
            }
        }
        return any ? java.util.OptionalLong.of(sum) : java.util.OptionalLong.empty();
    }

    static void sum(JsonGenerator g, Transfer t, int socket, boolean sender) throws IOException {
        sum(g, t, socket, sender, () -> {});
    }

    static void sum(JsonGenerator g, Transfer t, int socket, boolean sender, Fields more) throws IOException {
        g.writeStartObject();
        if (socket > 0) {
            g.writeNumberField("socket", socket);
        }
        g.writeNumberField("start", 0);
        g.writeNumberField("end", t.seconds());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("bytes", t.bytes());
        number(g, "bits_per_second", t.figures().bitsPerSecond());
        more.write();
        g.writeBooleanField("sender", sender);
        g.writeEndObject();
    }

    /** One end of one stream, with its own figures: the process's CPU during this end's transfer. */
    static void side(JsonGenerator g, SideResult r) throws IOException {
        Transfer t = r.transfer();
        Figures f = t.figures();
        g.writeStartObject();
        g.writeStringField("role", r.role().label());
        g.writeNumberField("socket", r.stream());
        g.writeStringField("engine", r.engine());
        g.writeStringField("engine_description", r.engineDescription());
        g.writeStringField("clock", t.clock().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("requested_bytes", t.requested() == Transfer.OPEN ? -1 : t.requested());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("seconds", t.seconds());
        number(g, "bits_per_second", f.bitsPerSecond());
        g.writeNumberField("cpu_user_seconds", t.cpu().userMicros() / 1e6);
        g.writeNumberField("cpu_system_seconds", t.cpu().sysMicros() / 1e6);
        number(g, "cpu_seconds_per_gb", f.cpuSecondsPerGB());
        g.writeNumberField("calls", t.calls());
        g.writeNumberField("sndbuf_actual", r.sendBuffer());
        g.writeNumberField("rcvbuf_actual", r.receiveBuffer());
        g.writeStringField("remote_host", Hosts.numeric(r.peer().getAddress()));
        g.writeNumberField("remote_port", r.peer().getPort());
        g.writeBooleanField("partial", r.partial());
        nullable(g, "error", r.error());
        nullable(g, "stopped", r.stopped());
        if (r.tcpInfo() != null) { // the connection's last TCP_INFO, the fields this kernel has
            g.writeObjectFieldStart("tcp_info");
            optional(g, "retransmits", r.tcpInfo().retransmits());
            optional(g, "snd_cwnd", r.tcpInfo().sndCwndBytes());
            optional(g, "snd_mss", r.tcpInfo().sndMss());
            optional(g, "rtt", r.tcpInfo().rttMicros());
            optional(g, "rttvar", r.tcpInfo().rttvarMicros());
            optional(g, "rcv_rtt", r.tcpInfo().rcvRttMicros());
            optional(g, "rcv_ooopack", r.tcpInfo().rcvOutOfOrder());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void number(JsonGenerator g, String name, OptionalDouble v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsDouble());
        } else {
            g.writeNullField(name);
        }
    }

    static void nullable(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else if (v instanceof Integer i) {
            g.writeNumberField(name, i);
        } else {
            g.writeStringField(name, v.toString());
        }
    }
}
