package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** --csv as a spreadsheet or a script reads it: parsed back with Commons CSV, another library than the writer's. */
class OutputsCsvCliTest {

    /** The columns a user's script may name: they are the contract and must not change. */
    private static final List<String> COLUMNS = List.of("kind", "run", "sockbuf_bytes", "role", "stream",
            "start_seconds", "end_seconds", "seconds", "bytes", "bits_per_second", "cpu_user_seconds",
            "cpu_system_seconds", "cpu_percent", "cpu_s_per_gb", "sndbuf_bytes", "rcvbuf_bytes", "engine", "started",
            "runs", "gbits_per_second_min", "gbits_per_second_median", "gbits_per_second_max",
            "gbits_per_second_stddev", "cpu_s_per_gb_min", "cpu_s_per_gb_median", "cpu_s_per_gb_max",
            "cpu_s_per_gb_stddev", "status", "message", "retransmits", "snd_cwnd_bytes", "rtt_us", "rttvar_us", "omitted",
            "direction", "rcv_rtt_us", "rcv_ooopack", "interface", "driver", "link_speed_bits_per_second", "mtu",
            "offloads", "line_bits_per_second", "line_percent", "line_framing");

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (CSVParser p = CSVParser.parse(new StringReader(csv),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(COLUMNS, p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            for (CSVRecord r : rows) {
                assertEquals(COLUMNS.size(), r.size(), "every row has every column: " + r);
            }
            return rows;
        }
    }

    private static List<CSVRecord> kind(List<CSVRecord> rows, String kind) {
        return rows.stream().filter(r -> r.get("kind").equals(kind)).toList();
    }

    private static double num(CSVRecord r, String column) {
        return Double.parseDouble(r.get(column));
    }

    /** bits_per_second is bytes * 8 / seconds, as the row's own columns say. */
    private static void rateAddsUp(CSVRecord r) {
        double expected = num(r, "bytes") * 8 / num(r, "seconds");
        assertEquals(expected, num(r, "bits_per_second"), expected * 1e-9, r.toString());
    }

    @Test
    void parallelRunWithIntervalsHasEveryEndTheSumsAndTheRunFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "32m", "--parallel", "2",
                "--interval", "100ms", "--csv", "--output", json.toString())) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertEquals("", p.stderr());
            List<CSVRecord> rows = parse(p.stdout());

            List<CSVRecord> ends = kind(rows, "end");
            assertEquals(List.of("sender/1", "sender/2", "sender/sum", "receiver/1", "receiver/2", "receiver/sum"),
                    ends.stream().map(r -> r.get("role") + "/" + r.get("stream")).toList());
            for (CSVRecord r : ends) {
                rateAddsUp(r);
                assertEquals("ok", r.get("status"));
                assertEquals("user", r.get("engine"));
                assertEquals("", r.get("message"));
            }
            Map<String, Long> bytes = ends.stream().collect(Collectors.toMap(r -> r.get("role") + "/" + r.get("stream"),
                    r -> Long.parseLong(r.get("bytes"))));
            assertEquals(16L << 20, bytes.get("receiver/1"));
            assertEquals(32L << 20, bytes.get("receiver/sum"));
            assertEquals(bytes.get("sender/1") + bytes.get("sender/2"), bytes.get("sender/sum"));

            List<CSVRecord> run = kind(rows, "run");
            assertEquals(1, run.size());
            CSVRecord r = run.get(0);
            rateAddsUp(r);
            assertEquals("receiver", r.get("role"));
            assertEquals(32L << 20, Long.parseLong(r.get("bytes")));
            // the run row carries the same figure as the JSON document (--output) and compare read
            JsonNode doc = Json.parse(json);
            assertEquals(doc.at("/end/kttcp4j_run/bits_per_second").asDouble(), num(r, "bits_per_second"),
                    num(r, "bits_per_second") * 1e-12);

            // intervals: each stream's row and their sum, adding up to what was sent
            List<CSVRecord> intervals = kind(rows, "interval");
            List<CSVRecord> sums = intervals.stream().filter(x -> x.get("stream").equals("sum")).toList();
            assertTrue(!sums.isEmpty(), p.stdout());
            assertEquals(sums.size() * 3, intervals.size(), "two streams and a sum per interval");
            long total = 0;
            for (CSVRecord s : sums) {
                long streams = intervals.stream().filter(x -> x.get("end_seconds").equals(s.get("end_seconds"))
                        && !x.get("stream").equals("sum")).mapToLong(x -> Long.parseLong(x.get("bytes"))).sum();
                assertEquals(Long.parseLong(s.get("bytes")), streams, "an interval's streams add up to its sum");
                total += streams;
                if (num(s, "seconds") > 0) {
                    rateAddsUp(s);
                }
            }
            assertEquals(32L << 20, total);
        }
    }

    @Test
    void sweepWithRepeatsHasEachRunAndOneSummaryRowPerSize() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "nio", "--bytes", "8m", "--sockbuf", "64k,256k",
                "--repeat", "2", "--csv")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            List<CSVRecord> rows = parse(p.stdout());
            List<CSVRecord> runs = kind(rows, "run");
            assertEquals(List.of("65536/1", "65536/2", "262144/1", "262144/2"),
                    runs.stream().map(r -> r.get("sockbuf_bytes") + "/" + r.get("run")).toList());
            runs.forEach(OutputsCsvCliTest::rateAddsUp);
            List<CSVRecord> summary = kind(rows, "summary");
            assertEquals(List.of("65536", "262144"), summary.stream().map(r -> r.get("sockbuf_bytes")).toList());
            for (CSVRecord s : summary) {
                assertEquals("2", s.get("runs"));
                double[] gbits = runs.stream().filter(r -> r.get("sockbuf_bytes").equals(s.get("sockbuf_bytes")))
                        .mapToDouble(r -> num(r, "bits_per_second") / 1e9).sorted().toArray();
                assertEquals(gbits[0], num(s, "gbits_per_second_min"), 1e-9);
                assertEquals(gbits[1], num(s, "gbits_per_second_max"), 1e-9);
                assertEquals((gbits[0] + gbits[1]) / 2, num(s, "gbits_per_second_median"), 1e-9);
                assertTrue(Integer.parseInt(s.get("sndbuf_bytes")) >= Integer.parseInt(s.get("sockbuf_bytes")),
                        "Linux sets at least what was asked: " + s);
            }
        }
    }

    @Test
    void aFailedRunEndsWithAnErrorRow() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess p = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                Integer.toString(port), "--csv")) {
            assertEquals(2, p.waitFor(30), p.stderr());
            List<CSVRecord> rows = parse(p.stdout());
            assertEquals(1, rows.size(), p.stdout());
            assertEquals("error", rows.get(0).get("kind"));
            assertEquals("failed", rows.get(0).get("status"));
            assertTrue(rows.get(0).get("message").contains("ECONNREFUSED"), rows.get(0).toString());
        }
    }

    @Test
    void csvIsExclusiveWithJson() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--csv", "--json")) {
            assertEquals(1, p.waitFor(30));
            assertEquals(1, p.stderr().lines().count(), p.stderr());
            assertTrue(p.stderr().contains("--json, --json-stream and --csv are exclusive: give one"), p.stderr());
            assertEquals("", p.stdout());
        }
    }
}
