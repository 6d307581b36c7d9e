package org.kttcp4j.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import org.kttcp4j.bench.Interval;
import org.kttcp4j.bench.Role;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.bench.Stats;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Hosts;

/**
 * Runs as JSON in iperf3's shape where it fits (esnet/iperf's -J output): "start" (settings, connections,
 * socket buffers), "intervals" (per stream and summed), "end" (per-stream sender/receiver, sum_sent,
 * sum_received, cpu_utilization_percent), plus a "kttcp4j" array per end with what iperf3 has no field for
 * (engine, clock, CPU seconds per GB, the error that ended a partial run). --json-stream writes the same pieces
 * as one event per line: {"event":"start"|"interval"|"end","data":{...}}.
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {}

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void emit(Writer out, boolean pretty, Body body) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run as one document. */
    public static void write(Writer out, RunResult run, String version) {
        emit(out, true, g -> document(g, run, version));
    }

    /** Several runs (--repeat, a socket-buffer sweep) as one document: the runs and their statistics. */
    public static void writeSeries(Writer out, List<RunResult> runs, List<SeriesRow> summary, String version) {
        emit(out, true, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("runs");
            for (RunResult r : runs) {
                document(g, r, version);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("summary");
            for (SeriesRow row : summary) {
                g.writeStartObject();
                g.writeNumberField("sock_bufsize", row.sockbuf());
                g.writeNumberField("sndbuf_actual", row.sndbuf());
                g.writeNumberField("rcvbuf_actual", row.rcvbuf());
                g.writeNumberField("runs", row.gbits().n());
                stats(g, "gbits_per_second", row.gbits());
                stats(g, "cpu_seconds_per_gb", row.cpuPerGB());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** A row of a series' summary: one socket-buffer size, its runs' statistics. */
    public record SeriesRow(int sockbuf, int sndbuf, int rcvbuf, Stats gbits, Stats cpuPerGB) {}

    private static void stats(JsonGenerator g, String name, Stats s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("min", s.min());
        g.writeNumberField("median", s.median());
        g.writeNumberField("max", s.max());
        g.writeNumberField("stddev", s.stddev());
        g.writeEndObject();
    }

    /** --json-stream: the start event, before the run. */
    public static void streamStart(Writer out, RunSettings s, String mode, String kernel, String version) {
        emit(out, false, g -> {
            g.writeStartObject();
            g.writeStringField("event", "start");
            g.writeFieldName("data");
            g.writeStartObject();
            g.writeStringField("version", version);
            g.writeStringField("mode", mode);
            g.writeStringField("kernel", kernel);
            testStart(g, s);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** --json-stream: one interval as it closes. */
    public static void streamInterval(Writer out, Interval in, boolean sender) {
        emit(out, false, g -> {
            g.writeStartObject();
            g.writeStringField("event", "interval");
            g.writeFieldName("data");
            interval(g, in, sender);
            g.writeEndObject();
        });
    }

    /** --json-stream: the whole run's "start" and "end" once it is over. */
    public static void streamEnd(Writer out, RunResult run, String version) {
        emit(out, false, g -> {
            g.writeStartObject();
            g.writeStringField("event", "end");
            g.writeFieldName("data");
            g.writeStartObject();
            g.writeFieldName("start");
            start(g, run, version);
            g.writeFieldName("end");
            end(g, run);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static void document(JsonGenerator g, RunResult run, String version) throws IOException {
        g.writeStartObject();
        g.writeFieldName("start");
        start(g, run, version);
        g.writeArrayFieldStart("intervals");
        for (Interval in : run.intervals()) {
            interval(g, in, run.metered() == Role.SENDER);
        }
        g.writeEndArray();
        g.writeFieldName("end");
        end(g, run);
        g.writeEndObject();
    }

    static void testStart(JsonGenerator g, RunSettings s) throws IOException {
        g.writeObjectFieldStart("test_start");
        g.writeStringField("protocol", "TCP");
        g.writeNumberField("num_streams", s.parallel());
        g.writeNumberField("blksize", s.buffer());
        g.writeNumberField("bytes", s.time() == null ? s.bytes() : 0);
        g.writeNumberField("duration", s.time() == null ? 0 : s.time().toMillis() / 1000.0);
        g.writeNumberField("reverse", s.reverse() ? 1 : 0);
        g.writeStringField("engine", s.engine());
        g.writeStringField("receiver_engine", s.receiverEngine());
        g.writeEndObject();
    }

    static void start(JsonGenerator g, RunResult run, String version) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", version);
        g.writeStringField("system_info", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        g.writeStringField("mode", run.mode());
        g.writeStringField("kernel", run.kernel());
        g.writeArrayFieldStart("connected");
        List<SideResult> local = run.of(run.metered());
        for (int i = 0; i < local.size(); i++) {
            g.writeStartObject();
            g.writeNumberField("socket", i + 1);
            g.writeStringField("remote_host", Hosts.numeric(local.get(i).peer().getAddress()));
            g.writeNumberField("remote_port", local.get(i).peer().getPort());
            g.writeEndObject();
        }
        g.writeEndArray();
        testStart(g, run.settings());
        SideResult first = run.sides().get(0);
        g.writeNumberField("sock_bufsize", run.settings().sockbuf());
        g.writeNumberField("sndbuf_actual", first.sendBuffer());
        g.writeNumberField("rcvbuf_actual", first.receiveBuffer());
        g.writeObjectFieldStart("timestamp");
        g.writeNumberField("timesecs", System.currentTimeMillis() / 1000);
        g.writeEndObject();
        g.writeEndObject();
    }

    static void interval(JsonGenerator g, Interval in, boolean sender) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("streams");
        long[] b = in.streamBytes();
        for (int i = 0; i < b.length; i++) {
            intervalSum(g, i + 1, in, b[i], sender);
        }
        g.writeEndArray();
        g.writeFieldName("sum");
        intervalSum(g, 0, in, in.bytes(), sender);
        g.writeEndObject();
    }

    private static void intervalSum(JsonGenerator g, int socket, Interval in, long bytes, boolean sender)
            throws IOException {
        g.writeStartObject();
        if (socket > 0) {
            g.writeNumberField("socket", socket);
        }
        g.writeNumberField("start", in.start());
        g.writeNumberField("end", in.end());
        g.writeNumberField("seconds", in.seconds());
        g.writeNumberField("bytes", bytes);
        g.writeNumberField("bits_per_second", in.bitsPerSecond(bytes));
        g.writeBooleanField("sender", sender);
        g.writeEndObject();
    }

    static void end(JsonGenerator g, RunResult run) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("streams");
        List<SideResult> senders = run.of(Role.SENDER);
        List<SideResult> receivers = run.of(Role.RECEIVER);
        for (int i = 0; i < Math.max(senders.size(), receivers.size()); i++) {
            g.writeStartObject();
            if (i < senders.size()) {
                g.writeFieldName("sender");
                sum(g, senders.get(i).transfer(), i + 1, true);
            }
            if (i < receivers.size()) {
                g.writeFieldName("receiver");
                sum(g, receivers.get(i).transfer(), i + 1, false);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        Transfer sent = run.sum(Role.SENDER);
        if (sent != null) {
            g.writeFieldName("sum_sent");
            sum(g, sent, 0, true);
        }
        Transfer received = run.sum(Role.RECEIVER);
        if (received != null) {
            g.writeFieldName("sum_received");
            sum(g, received, 0, false);
        }
        double wallMicros = run.wallNanos() / 1e3;
        g.writeObjectFieldStart("cpu_utilization_percent");
        g.writeNumberField("host_total", wallMicros <= 0 ? 0 : run.cpu().totalMicros() * 100 / wallMicros);
        g.writeNumberField("host_user", wallMicros <= 0 ? 0 : run.cpu().userMicros() * 100 / wallMicros);
        g.writeNumberField("host_system", wallMicros <= 0 ? 0 : run.cpu().sysMicros() * 100 / wallMicros);
        g.writeEndObject();
        g.writeArrayFieldStart("kttcp4j");
        for (SideResult r : run.sides()) {
            side(g, r, run);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void sum(JsonGenerator g, Transfer t, int socket, boolean sender) throws IOException {
        g.writeStartObject();
        if (socket > 0) {
            g.writeNumberField("socket", socket);
        }
        g.writeNumberField("start", 0);
        g.writeNumberField("end", t.seconds());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("bits_per_second", t.bitsPerSecond());
        g.writeBooleanField("sender", sender);
        g.writeEndObject();
    }

    static void side(JsonGenerator g, SideResult r, RunResult run) throws IOException {
        Transfer t = r.transfer();
        g.writeStartObject();
        g.writeStringField("role", r.role().label());
        g.writeStringField("engine", r.engine());
        g.writeStringField("engine_description", r.engineDescription());
        g.writeStringField("clock", t.clock().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("requested_bytes", t.requested() == Long.MAX_VALUE ? -1 : t.requested());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("bits_per_second", t.bitsPerSecond());
        g.writeNumberField("cpu_user_seconds", t.cpu().userMicros() / 1e6);
        g.writeNumberField("cpu_system_seconds", t.cpu().sysMicros() / 1e6);
        // per GB moved by the whole run, from the run's CPU: one process's CPU is shared by all its ends
        Transfer headline = run.headline();
        g.writeNumberField("cpu_seconds_per_gb", headline.bytes() == 0 ? 0
                : run.cpu().totalMicros() / 1e6 / (headline.bytes() / 1e9));
        g.writeNumberField("calls", t.calls());
        g.writeNumberField("sndbuf_actual", r.sendBuffer());
        g.writeNumberField("rcvbuf_actual", r.receiveBuffer());
        g.writeBooleanField("partial", t.partial());
        if (r.error() != null) {
            g.writeStringField("error", r.error());
        } else {
            g.writeNullField("error");
        }
        g.writeEndObject();
    }
}
