package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kttcp4j.report.ReportFixture.play;
import static org.kttcp4j.report.ReportFixture.single;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kttcp4j.run.Results;
import org.kttcp4j.report.ReportFixture;

/**
 * --csv in process: one header, the columns in their documented order whatever the run, rows as the run goes
 * (interval, end, run, summary, error/stopped), each cell what it means, empty where it does not apply or was
 * not measured. A stream end's own cpu_percent and cpu_s_per_gb are not asserted (issue #22, item 6).
 */
class CsvReporterTest {
    record Csv(String header, List<Map<String, String>> rows) {
        List<Map<String, String>> of(String kind) {
            return rows.stream().filter(r -> r.get("kind").equals(kind)).toList();
        }

        Map<String, String> row(String kind, String role, String stream) {
            return rows.stream().filter(r -> r.get("kind").equals(kind) && r.get("role").equals(role)
                    && r.get("stream").equals(stream)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " row of " + role + " " + stream + ": " + rows));
        }
    }

    static Csv csv(Results results) {
        StringWriter w = new StringWriter();
        play(new CsvReporter(w), results);
        String text = w.toString();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return new Csv(text.lines().findFirst().orElse(""), it.readAll());
        } catch (IOException e) {
            throw new AssertionError("not CSV: " + text, e);
        }
    }

    static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    static void assertBitsPerSecond(Map<String, String> row) {
        assertEquals(number(row, "bytes") * 8 / number(row, "seconds"), number(row, "bits_per_second"),
                1e-6 * number(row, "bits_per_second"), "bits_per_second == bytes * 8 / seconds: " + row);
    }

    @Test
    void oneHeaderWithTheColumnsInTheirOrder() {
        Csv c = csv(single(ReportFixture.loopbackOneStream()));
        assertEquals("kind,run,sockbuf_bytes,role,stream,start_seconds,end_seconds,seconds,bytes,bits_per_second,"
                + "cpu_user_seconds,cpu_system_seconds,cpu_percent,cpu_s_per_gb,sndbuf_bytes,rcvbuf_bytes,engine,started,"
                + "runs,gbits_per_second_min,gbits_per_second_median,gbits_per_second_max,gbits_per_second_stddev,"
                + "cpu_s_per_gb_min,cpu_s_per_gb_median,cpu_s_per_gb_max,cpu_s_per_gb_stddev,status,message,"
                + "retransmits,snd_cwnd_bytes,rtt_us,rttvar_us,omitted,direction,rcv_rtt_us,rcv_ooopack,"
                + "interface,driver,link_speed_bits_per_second,mtu,offloads,line_bits_per_second,line_percent,line_framing",
                c.header());
        assertEquals(String.join(",", CsvReporter.COLUMNS), c.header());
        // rows in the order the run goes: its intervals, each end, the run
        assertEquals(List.of("interval", "interval", "end", "end", "run"), c.rows().stream().map(r -> r.get("kind")).toList());
    }

    @Test
    void intervalRowsHaveTheStreamsBytesAndRate() {
        Csv c = csv(single(ReportFixture.loopbackOneStream()));
        Map<String, String> in = c.of("interval").get(1);
        assertEquals("1", in.get("run"));
        assertEquals("0", in.get("sockbuf_bytes"));
        assertEquals("sender", in.get("role"));
        assertEquals("1", in.get("stream"));
        assertEquals("0.25", in.get("start_seconds"));
        assertEquals("0.5", in.get("end_seconds"));
        assertEquals("0.25", in.get("seconds"));
        assertEquals("536870912", in.get("bytes"));
        assertEquals("17179869184", in.get("bits_per_second"), "a plain number, not 1.7E10");
        assertEquals("false", in.get("omitted"));
        for (String empty : new String[] {"cpu_user_seconds", "engine", "status", "retransmits", "direction"}) {
            assertEquals("", in.get(empty), empty + " does not apply to an interval row");
        }
    }

    @Test
    void endRowsHaveEachEndAndTheRunRowTheRunsFigures() {
        Csv c = csv(single(ReportFixture.loopbackOneStream()));
        Map<String, String> tx = c.row("end", "sender", "1");
        assertEquals("1073741824", tx.get("bytes"));
        assertEquals("0", tx.get("start_seconds"));
        assertEquals("0.5", tx.get("end_seconds"));
        assertBitsPerSecond(tx);
        assertEquals("0.02", tx.get("cpu_user_seconds"));
        assertEquals("0.48", tx.get("cpu_system_seconds"));
        assertEquals("2626560", tx.get("sndbuf_bytes"));
        assertEquals("131072", tx.get("rcvbuf_bytes"));
        assertEquals("user", tx.get("engine"));
        assertEquals("2026-01-02T03:04:05Z", tx.get("started"));
        assertEquals("ok", tx.get("status"));
        assertEquals("", tx.get("message"));
        Map<String, String> run = c.of("run").get(0);
        assertEquals("receiver", run.get("role"), "the run is judged by what was received");
        assertEquals("1", run.get("stream"));
        assertEquals("1073741824", run.get("bytes"));
        assertBitsPerSecond(run);
        assertEquals("100.0", run.get("cpu_percent"));
        assertEquals(0.5 / (ReportFixture.GIB / 1e9), number(run, "cpu_s_per_gb"), 1e-12);
        assertEquals("2626560", run.get("sndbuf_bytes"));
        assertEquals("131072", run.get("rcvbuf_bytes"));
        assertEquals("ok", run.get("status"));
    }

    @Test
    void severalStreamsHaveSumRowsWithTheSendersTcpInfo() {
        Csv c = csv(single(ReportFixture.sendTwoStreamsWithTcpInfo()));
        // per interval: stream 1, stream 2, their sum
        assertEquals(List.of("1", "2", "sum", "1", "2", "sum"), c.of("interval").stream().map(r -> r.get("stream")).toList());
        Map<String, String> s2 = c.of("interval").get(1);
        assertEquals("200000000", s2.get("bytes"));
        assertEquals("1", s2.get("retransmits"));
        assertEquals("72400", s2.get("snd_cwnd_bytes"));
        assertEquals("50", s2.get("rtt_us"));
        assertEquals("11", s2.get("rttvar_us"));
        Map<String, String> sum = c.of("interval").get(2);
        assertEquals("500000000", sum.get("bytes"));
        assertEquals("4", sum.get("retransmits"), "3 + 1");
        assertEquals("", sum.get("snd_cwnd_bytes"), "a sum has no cwnd");
        assertEquals("8000000000", sum.get("bits_per_second"));
        Map<String, String> e1 = c.row("end", "sender", "1");
        assertEquals("5", e1.get("retransmits"));
        assertEquals("144800", e1.get("snd_cwnd_bytes"));
        assertEquals("45", e1.get("rtt_us"));
        Map<String, String> endSum = c.row("end", "sender", "sum");
        assertEquals("1000000000", endSum.get("bytes"));
        assertEquals("1.0", endSum.get("seconds"), "the longer stream's time");
        assertEquals("6", endSum.get("retransmits"));
        assertEquals("100.0", endSum.get("cpu_percent"), "the run's CPU over the sum's time");
        assertEquals("1.0", endSum.get("cpu_s_per_gb"));
        assertEquals("ok", endSum.get("status"));
        Map<String, String> run = c.of("run").get(0);
        assertEquals("sender", run.get("role"), "a sending process is judged by what it sent");
        assertEquals("sum", run.get("stream"));
        assertEquals("1000000000", run.get("bytes"));
        assertEquals("", run.get("rcvbuf_bytes"), "a sending process sets no receiving buffer");
    }

    @Test
    void aPartialEndWithAnErrorIsFailedAndNamesIt() {
        Csv c = csv(single(ReportFixture.receivePartialWithError()));
        Map<String, String> rx = c.row("end", "receiver", "1");
        assertEquals("4194304", rx.get("bytes"));
        assertEquals("failed", rx.get("status"));
        assertEquals(ReportFixture.RESET, rx.get("message"), "quoted as RFC 4180 needs, read back whole");
        assertEquals("120", rx.get("rcv_rtt_us"));
        assertEquals("3", rx.get("rcv_ooopack"));
        assertEquals("", rx.get("retransmits"), "a receiver's row has no sender's figures");
        Map<String, String> run = c.of("run").get(0);
        assertEquals("failed", run.get("status"));
        assertEquals(ReportFixture.RESET, run.get("message"));
    }

    @Test
    void aStoppedRunIsStoppedPerEndPerRunAndAsTheLastRow() {
        Csv c = csv(ReportFixture.sendStoppedBySigint());
        assertEquals("stopped", c.row("end", "sender", "1").get("status"));
        assertEquals("SIGINT", c.row("end", "sender", "1").get("message"));
        assertEquals("stopped", c.of("run").get(0).get("status"));
        Map<String, String> last = c.rows().get(c.rows().size() - 1);
        assertEquals("stopped", last.get("kind"));
        assertEquals("stopped", last.get("status"));
        assertEquals("SIGINT", last.get("message"));
        assertEquals("", last.get("run"));
    }

    @Test
    void aShortRunsCpuFiguresAreEmptyCells() {
        Csv c = csv(ReportFixture.loopbackSeries());
        Map<String, String> third = c.of("run").get(2);
        assertEquals("3", third.get("run"));
        assertEquals("", third.get("cpu_percent"), "10 ms: not measured");
        assertEquals("", third.get("cpu_s_per_gb"));
        assertEquals("0.01", third.get("cpu_system_seconds"), "the seconds themselves are given");
    }

    @Test
    void aSeriesEndsWithOneSummaryRowPerSize() {
        Csv c = csv(ReportFixture.loopbackSweep());
        assertEquals(List.of("65536", "65536", "131072", "131072"),
                c.of("run").stream().map(r -> r.get("sockbuf_bytes")).toList());
        assertEquals(List.of("1", "2", "1", "2"), c.of("run").stream().map(r -> r.get("run")).toList());
        List<Map<String, String>> summary = c.of("summary");
        assertEquals(2, summary.size());
        Map<String, String> s = summary.get(0);
        assertEquals("65536", s.get("sockbuf_bytes"));
        assertEquals("", s.get("run"));
        assertEquals("2", s.get("runs"));
        assertEquals("131072", s.get("sndbuf_bytes"));
        assertEquals("65536", s.get("rcvbuf_bytes"));
        assertEquals("5.25", s.get("gbits_per_second_min"));
        assertEquals("5.5", s.get("gbits_per_second_median"));
        assertEquals("5.75", s.get("gbits_per_second_max"));
        assertEquals("0.353553", s.get("gbits_per_second_stddev"));
        assertEquals("1.5", s.get("cpu_s_per_gb_median"));
        assertEquals("ok", s.get("status"));
        Map<String, String> t = summary.get(1);
        assertEquals("", t.get("cpu_s_per_gb_median"), "not measured: empty");
        assertEquals("", t.get("sndbuf_bytes"));
        assertEquals(c.rows().get(c.rows().size() - 1), t, "the summary comes last");
    }

    @Test
    void bidirRowsNameTheirDirection() {
        Csv c = csv(single(ReportFixture.loopbackBidir()));
        List<Map<String, String>> in = c.of("interval");
        assertEquals(List.of("1", "2", "sum", "sum"), in.stream().map(r -> r.get("stream")).toList());
        assertEquals(List.of("forward", "reverse", "forward", "reverse"), in.stream().map(r -> r.get("direction")).toList());
        assertEquals("33554432", in.get(2).get("bytes"));
        assertEquals("16777216", in.get(3).get("bytes"));
        assertEquals("reverse", c.row("end", "receiver", "2").get("direction"));
        assertEquals("", c.row("end", "receiver", "sum").get("direction"), "a role's sum spans both directions");
    }

    @Test
    void anErrorBeforeAnyRunIsOneErrorRow() {
        Csv c = csv(ReportFixture.results(ReportFixture.loopback(b -> b), List.of(), List.of(), null,
                "connect to 127.0.0.1 port 9: refused, \"quoted\""));
        assertEquals(1, c.rows().size());
        assertEquals("error", c.rows().get(0).get("kind"));
        assertEquals("failed", c.rows().get(0).get("status"));
        assertEquals("connect to 127.0.0.1 port 9: refused, \"quoted\"", c.rows().get(0).get("message"));
        assertTrue(c.header().startsWith("kind,"), "the header even with no run");
    }
}
