package org.kttcp4j.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.measure.Transfer;

/**
 * A run as one JSON document in iperf3's shape where it fits: "start" (settings, connection, socket buffers),
 * "intervals", "end" (sum_sent, sum_received, cpu_utilization_percent), plus a "kttcp4j" object per end with what
 * iperf3 has no field for (engine, clock, CPU seconds per GB, the error that ended a partial run).
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {}

    public static void write(Writer out, RunResult run, String version) {
        try (JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeObjectFieldStart("start");
            g.writeStringField("version", version);
            g.writeStringField("system_info", System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + " " + System.getProperty("os.arch"));
            g.writeStringField("mode", run.mode());
            g.writeStringField("kernel", run.kernel());
            SideResult first = run.sides().get(0);
            g.writeArrayFieldStart("connected");
            g.writeStartObject();
            g.writeStringField("remote_host", org.kttcp4j.net.Hosts.numeric(first.peer().getAddress()));
            g.writeNumberField("remote_port", first.peer().getPort());
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("test_start");
            g.writeStringField("protocol", "TCP");
            g.writeNumberField("num_streams", 1);
            g.writeNumberField("blksize", run.settings().buffer());
            g.writeNumberField("bytes", run.settings().time() == null ? run.settings().bytes() : 0);
            g.writeNumberField("duration", run.settings().time() == null ? 0 : run.settings().time().toSeconds());
            g.writeNumberField("reverse", 0);
            g.writeEndObject();
            g.writeNumberField("sock_bufsize", run.settings().sockbuf());
            g.writeNumberField("sndbuf_actual", first.sendBuffer());
            g.writeNumberField("rcvbuf_actual", first.receiveBuffer());
            g.writeObjectFieldStart("timestamp");
            g.writeNumberField("timesecs", System.currentTimeMillis() / 1000);
            g.writeEndObject();
            g.writeEndObject(); // start

            g.writeArrayFieldStart("intervals");
            g.writeEndArray();

            g.writeObjectFieldStart("end");
            for (SideResult r : run.sides()) {
                g.writeFieldName(r.role() == org.kttcp4j.bench.Role.SENDER ? "sum_sent" : "sum_received");
                sum(g, r.transfer());
            }
            Transfer cpuOf = first.transfer();
            g.writeObjectFieldStart("cpu_utilization_percent");
            double elapsedMicros = cpuOf.elapsedNanos() / 1e3;
            g.writeNumberField("host_total", elapsedMicros <= 0 ? 0 : cpuOf.cpu().totalMicros() * 100 / elapsedMicros);
            g.writeNumberField("host_user", elapsedMicros <= 0 ? 0 : cpuOf.cpu().userMicros() * 100 / elapsedMicros);
            g.writeNumberField("host_system", elapsedMicros <= 0 ? 0 : cpuOf.cpu().sysMicros() * 100 / elapsedMicros);
            g.writeEndObject();
            g.writeArrayFieldStart("kttcp4j");
            for (SideResult r : run.sides()) {
                side(g, r);
            }
            g.writeEndArray();
            g.writeEndObject(); // end
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sum(JsonGenerator g, Transfer t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("start", 0);
        g.writeNumberField("end", t.seconds());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("bits_per_second", t.bitsPerSecond());
        g.writeEndObject();
    }

    static void side(JsonGenerator g, SideResult r) throws IOException {
        Transfer t = r.transfer();
        g.writeStartObject();
        g.writeStringField("role", r.role().label());
        g.writeStringField("engine", r.engine());
        g.writeStringField("engine_description", r.engineDescription());
        g.writeStringField("clock", t.clock().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("requested_bytes", t.requested() == Long.MAX_VALUE ? -1 : t.requested());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("bits_per_second", t.bitsPerSecond());
        g.writeNumberField("cpu_user_seconds", t.cpu().userMicros() / 1e6);
        g.writeNumberField("cpu_system_seconds", t.cpu().sysMicros() / 1e6);
        g.writeNumberField("cpu_seconds_per_gb", t.cpuSecondsPerGB());
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
