package org.kttcp4j.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.kttcp4j.report.LineFigure;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.report.EndFigures;
import org.kttcp4j.report.JsonDocument;
import org.kttcp4j.measure.Line;
import org.kttcp4j.net.NetInterface;

/**
 * --csv: one table, one header, rows as the run goes: "interval" rows (per stream, and "sum" with several) as
 * each interval closes, then per run its "end" rows (each end of each stream, and each role's "sum" with
 * several streams) and one "run" row with the run's figures, then with a series one "summary" row per socket
 * buffer size; "error" or "stopped" when the whole thing ended early. Columns name their units and never
 * change order; a cell that does not apply to a row, or a figure that was not measured, is empty. Figures come
 * from {@link Figures} (the ends' and the run's); nothing is recomputed here. Written with Jackson's CSV module
 * (RFC 4180 quoting).
 */
public final class CsvReporter implements RunListener {
    /** The columns, in order (docs/outputs.md describes each). */
    public static final List<String> COLUMNS = List.of("kind", "run", "sockbuf_bytes", "role", "stream",
            "start_seconds", "end_seconds", "seconds", "bytes", "bits_per_second", "cpu_user_seconds",
            "cpu_system_seconds", "cpu_percent", "cpu_s_per_gb", "sndbuf_bytes", "rcvbuf_bytes", "engine", "started",
            "runs", "gbits_per_second_min", "gbits_per_second_median", "gbits_per_second_max",
            "gbits_per_second_stddev", "cpu_s_per_gb_min", "cpu_s_per_gb_median", "cpu_s_per_gb_max",
            "cpu_s_per_gb_stddev", "status", "message",
            // TCP_INFO of a sending end (after the older columns, so their positions hold): retransmits in the
            // interval (end rows: over the run), the congestion window in bytes, RTT and its variation in us;
            // empty where the kernel gives none (the nio engine: always)
            "retransmits", "snd_cwnd_bytes", "rtt_us", "rttvar_us", "omitted",
            // --bidir: forward (the connecting end sends) or reverse; empty without it
            "direction",
            // a receiving end's TCP_INFO: its RTT estimate (Linux's tcpi_rcv_rtt) and out-of-order segments
            // received (in the interval; end rows: over the run), empty where the kernel gives none
            "rcv_rtt_us", "rcv_ooopack",
            // end rows: the interface that held the end's local address (docs/nic.md), each cell empty where its
            // kernel did not say; the offloads on, space-separated
            "interface", "driver", "link_speed_bits_per_second", "mtu", "offloads",
            // the run row: the line (the TCP goodput the link can carry) and the run's rate as a percent of it
            "line_bits_per_second", "line_percent", "line_framing");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only what needs it
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN) // 23456789012.5, not 2.34567890125E10
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET) // stdout stays open
            .build();

    private final SequenceWriter rows;
    private int runIndex;
    private int sockbuf;
    private Run run;
    private Line.Rate lineRate;

    /** --line-rate: the speed (and framing) each run's line is of; null for the interface's own. */
    public CsvReporter lineRate(Line.Rate rate) {
        this.lineRate = rate;
        return this;
    }

    public CsvReporter(Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        try {
            rows = MAPPER.writer(schema.build().withHeader()).writeValues(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void runStarted(Run run, int sockbuf, int index) {
        this.runIndex = index;
        this.sockbuf = sockbuf;
        this.run = run;
    }

    /** Intervals come from the meter's timer thread: rows are written one at a time. */
    @Override
    public synchronized void interval(Interval in) {
        long[] b = in.streamBytes();
        for (int i = 0; i < b.length; i++) {
            Map<String, Object> row = intervalRow(in, Integer.toString(i + 1), b[i], run.meteredRole(i + 1));
            direction(row, i + 1);
            in.tcp(i).ifPresent(t -> {
                put(row, "retransmits", t.retransmits());
                put(row, "snd_cwnd_bytes", t.sndCwnd());
                put(row, "rtt_us", t.rtt());
                put(row, "rttvar_us", t.rttvar());
                put(row, "rcv_rtt_us", t.rcvRtt());
                put(row, "rcv_ooopack", t.rcvOutOfOrder());
            });
            write(row);
        }
        if (in.bidir()) { // a sum per direction
            for (boolean reverse : new boolean[] {false, true}) {
                int first = reverse ? in.reverseFrom() + 1 : 1;
                Map<String, Object> row = intervalRow(in, "sum", in.bytes(reverse), run.meteredRole(first));
                direction(row, first);
                put(row, "retransmits", in.retransmits(reverse));
                write(row);
            }
        } else if (b.length > 1) {
            Map<String, Object> row = intervalRow(in, "sum", in.bytes(), run.meteredRole(1));
            put(row, "retransmits", in.retransmits());
            write(row);
        }
        flush();
    }

    /** The direction cell of stream s's row (1-based), with --bidir. */
    private void direction(Map<String, Object> row, int stream) {
        if (run.bidir()) {
            row.put("direction", Directions.label(run.reverseDirection(stream)));
        }
    }

    private static void put(Map<String, Object> row, String column, OptionalLong v) {
        if (v.isPresent()) {
            row.put(column, v.getAsLong());
        }
    }

    private Map<String, Object> intervalRow(Interval in, String stream, long bytes, Role role) {
        Map<String, Object> row = row("interval", runIndex, sockbuf);
        row.put("omitted", in.omitted());
        row.put("role", role.label());
        row.put("stream", stream);
        row.put("start_seconds", number(in.start()));
        row.put("end_seconds", number(in.end()));
        row.put("seconds", number(in.seconds()));
        row.put("bytes", bytes);
        row.put("bits_per_second", number(in.bitsPerSecond(bytes)));
        return row;
    }

    @Override
    public synchronized void runEnded(RunResult r) {
        for (Role role : Role.values()) {
            List<SideResult> ends = r.of(role);
            for (SideResult e : ends) {
                Map<String, Object> row = transfer(r, role, Integer.toString(e.stream()), e.transfer(),
                        EndFigures.ofEnd(r, e.transfer()));
                row.put("sndbuf_bytes", e.sendBuffer());
                row.put("rcvbuf_bytes", e.receiveBuffer());
                row.put("engine", e.engine());
                row.put("status", status(e));
                row.put("message", e.error() != null ? e.error() : e.stopped());
                direction(row, e.stream());
                if (role == Role.SENDER && e.tcpInfo() != null) {
                    put(row, "retransmits", e.tcpInfo().retransmits());
                    put(row, "snd_cwnd_bytes", e.tcpInfo().sndCwndBytes());
                    put(row, "rtt_us", e.tcpInfo().rttMicros());
                    put(row, "rttvar_us", e.tcpInfo().rttvarMicros());
                } else if (e.tcpInfo() != null) {
                    put(row, "rcv_rtt_us", e.tcpInfo().rcvRttMicros());
                    put(row, "rcv_ooopack", e.tcpInfo().rcvOutOfOrder());
                }
                if (e.localInterface() != null) {
                    NetInterface i = e.localInterface();
                    row.put("interface", i.name());
                    row.put("driver", i.driver());
                    row.put("link_speed_bits_per_second", i.speedBitsPerSecond());
                    row.put("mtu", i.mtu());
                    row.put("offloads", String.join(" ", i.offloadsEnabled()));
                }
                write(row);
            }
            if (ends.size() > 1) {
                Transfer sum = r.sum(role);
                Map<String, Object> row = transfer(r, role, "sum", sum, EndFigures.ofSum(r, sum));
                SideResult bad = ends.stream().filter(SideResult::partial).findFirst().orElse(null);
                row.put("engine", ends.get(0).engine());
                row.put("status", bad == null ? "ok" : status(bad));
                if (role == Role.SENDER) {
                    put(row, "retransmits", JsonDocument.retransmits(ends));
                }
                write(row);
            }
        }
        // the run's own figures: the headline transfer, CPU of the whole process over the run's wall time
        Role headline = r.sum(Role.RECEIVER) != null ? Role.RECEIVER : Role.SENDER;
        Map<String, Object> row = transfer(r, headline, r.of(headline).size() > 1 ? "sum" : "1", r.headline(),
                r.figures());
        row.put("kind", "run");
        row.put("cpu_user_seconds", number(r.cpu().userMicros() / 1e6));
        row.put("cpu_system_seconds", number(r.cpu().sysMicros() / 1e6));
        row.put("sndbuf_bytes", r.sndbufSet());
        row.put("rcvbuf_bytes", r.rcvbufSet());
        row.put("engine", r.of(headline).get(0).engine());
        row.put("status", r.stopped().isPresent() ? "stopped" : r.failed() ? "failed" : "ok");
        row.put("message", r.stopped().orElse(r.sides().stream().map(SideResult::error).filter(e -> e != null)
                .findFirst().orElse(null)));
        LineFigure line = LineFigure.of(r, lineRate);
        if (line.line() != null) {
            row.put("line_bits_per_second", number(line.line().bitsPerSecond()));
            row.put("line_percent", line.percent() == null ? null : number(line.percent()));
            row.put("line_framing", line.line().framing().label());
        }
        write(row);
        flush();
    }

    private Map<String, Object> transfer(RunResult r, Role role, String stream, Transfer t, Figures f) {
        Map<String, Object> row = row("end", r.index(), r.sockbuf());
        row.put("role", role.label());
        row.put("stream", stream);
        row.put("start_seconds", 0);
        row.put("end_seconds", number(t.seconds()));
        row.put("seconds", number(t.seconds()));
        row.put("bytes", t.bytes());
        row.put("bits_per_second", number(f.bitsPerSecond()));
        row.put("cpu_user_seconds", number(t.cpu().userMicros() / 1e6));
        row.put("cpu_system_seconds", number(t.cpu().sysMicros() / 1e6));
        row.put("cpu_percent", number(f.cpuPercent()));
        row.put("cpu_s_per_gb", number(f.cpuSecondsPerGB()));
        row.put("started", r.started().toString());
        return row;
    }

    private static String status(SideResult e) {
        return e.stopped() != null ? "stopped" : e.error() != null ? "failed" : e.partial() ? "partial" : "ok";
    }

    @Override
    public synchronized void summary(List<SummaryRow> summary) {
        for (SummaryRow s : summary) {
            Map<String, Object> row = row("summary", null, s.sockbuf());
            row.put("sndbuf_bytes", s.sndbufSet());
            row.put("rcvbuf_bytes", s.rcvbufSet());
            row.put("runs", s.runs());
            stats(row, "gbits_per_second", s.gbits());
            stats(row, "cpu_s_per_gb", s.cpuPerGB());
            row.put("status", "ok");
            write(row);
        }
        flush();
    }

    private static void stats(Map<String, Object> row, String name, Stats s) {
        if (s != null) {
            row.put(name + "_min", number(s.min()));
            row.put(name + "_median", number(s.median()));
            row.put(name + "_max", number(s.max()));
            row.put(name + "_stddev", number(s.stddev()));
        }
    }

    /** How the whole thing ended early, if it did: one "error" or "stopped" row with the reason. */
    @Override
    public synchronized void finished(Results results) {
        results.error().ifPresent(e -> {
            Map<String, Object> row = row("error", null, null);
            row.put("status", "failed");
            row.put("message", e);
            write(row);
        });
        results.stopped().ifPresent(s -> {
            Map<String, Object> row = row("stopped", null, null);
            row.put("status", "stopped");
            row.put("message", s);
            write(row);
        });
        flush();
    }

    private static Map<String, Object> row(String kind, Integer run, Integer sockbuf) {
        Map<String, Object> row = new HashMap<>();
        row.put("kind", kind);
        row.put("run", run);
        row.put("sockbuf_bytes", sockbuf);
        return row;
    }

    private static BigDecimal number(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v) : null;
    }

    private static BigDecimal number(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : null;
    }

    private void write(Map<String, Object> row) {
        try {
            rows.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            rows.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
