package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** The iperf3-style options, as separate processes over loopback. */
class RunsCliTest {

    private static long intervalBytes(JsonNode doc) {
        long sum = 0;
        for (JsonNode in : doc.get("intervals")) {
            sum += in.at("/sum/bytes").asLong();
            long streams = 0;
            for (JsonNode s : in.get("streams")) {
                streams += s.get("bytes").asLong();
            }
            assertEquals(in.at("/sum/bytes").asLong(), streams, "an interval's streams add up to its sum");
        }
        return sum;
    }

    @Test
    void timedRunWithIntervalsThatAddUpToTheTotal() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "user", "--time", "2s", "--interval", "500ms", "--json");
        double seconds = doc.at("/end/sum_sent/seconds").asDouble();
        assertTrue(seconds >= 1.9 && seconds < 3.0, "a 2 s run took " + seconds);
        int n = doc.get("intervals").size();
        assertTrue(n >= 3 && n <= 8, "about four 500 ms intervals (a loaded machine may close one late): " + n);
        assertEquals(doc.at("/end/sum_sent/bytes").asLong(), intervalBytes(doc));
        assertEquals(doc.at("/end/sum_sent/bytes").asLong(), doc.at("/end/sum_received/bytes").asLong());
        assertEquals(2.0, doc.at("/start/test_start/duration").asDouble());
    }

    @Test
    void humanIntervalLinesLookLikeIperf3s() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "1s", "--interval", "250ms")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            List<String> lines = p.stdout().lines().toList();
            // the sender's kernel (Linux) gives TCP_INFO: iperf3's Retr and Cwnd columns
            assertEquals("[ ID] Interval           Transfer     Bitrate         Retr  Cwnd", lines.get(0));
            assertTrue(lines.get(1).matches("\\[  1] +0\\.00-0\\.\\d\\d +sec +[0-9.]+ [KMG]Bytes +[0-9.]+ [KMG]bits/sec"
                    + " +\\d+ +[0-9.]+ [KMG]?Bytes"), lines.get(1));
            double end = Double.parseDouble(lines.get(1).replaceAll(".*0\\.00-(\\S+) .*", "$1"));
            assertTrue(end >= 0.2 && end < 0.75, "the first 250 ms interval ends near 0.25 s: " + lines.get(1));
            assertEquals("", p.stderr(), "no progress line when stderr is not a terminal");
        }
    }

    @Test
    void repeatGivesEachRunAndItsStatistics() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "user", "--bytes", "32m", "--repeat", "3", "--json");
        assertEquals(3, doc.get("runs").size());
        JsonNode g = doc.at("/summary/0/gbits_per_second");
        List<Double> each = new ArrayList<>();
        for (JsonNode r : doc.get("runs")) {
            assertEquals(32L << 20, r.at("/end/sum_received/bytes").asLong());
            each.add(r.at("/end/sum_received/bits_per_second").asDouble() / 1e9);
        }
        // the statistics are those of the three runs' own figures
        java.util.Collections.sort(each);
        assertEquals(each.get(0), g.get("min").asDouble(), 1e-9);
        assertEquals(each.get(1), g.get("median").asDouble(), 1e-9);
        assertEquals(each.get(2), g.get("max").asDouble(), 1e-9);
        double mean = (each.get(0) + each.get(1) + each.get(2)) / 3;
        double var = each.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / 2; // sample standard deviation
        assertEquals(Math.sqrt(var), g.get("stddev").asDouble(), 1e-9);
        assertEquals(3, g.get("n").asInt());
        assertEquals(3, doc.at("/summary/0/runs").asInt());
    }

    @Test
    void repeatInTextEndsWithAStatisticsLine() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "--repeat", "2")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            List<String> lines = p.stdout().lines().toList();
            assertTrue(lines.get(0).startsWith("run 1/2: received 16777216 bytes"), lines.get(0));
            assertTrue(lines.get(2).matches("2 runs: Gbit/s min [0-9.]+ median [0-9.]+ max [0-9.]+ stddev [0-9.]+;.*"), lines.get(2));
        }
    }

    @Test
    void socketBufferSweepPrintsOneRowPerSizeWithWhatTheKernelSet() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "64m", "--sockbuf", "64k,256k")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            // CPU s/GB is "-" when the run was too short to measure it (under 20 ms)
            List<String> rows = p.stdout().lines().filter(l -> l.matches(" *\\d+ +\\d+ +\\d+ +[0-9.]+ +([0-9.]+|-) +1")).toList();
            assertEquals(2, rows.size(), p.stdout());
            String[] first = rows.get(0).trim().split(" +");
            assertEquals("65536", first[0]);
            assertTrue(Integer.parseInt(first[1]) >= 65536, "Linux doubles SO_SNDBUF: " + first[1]);
            assertEquals("262144", rows.get(1).trim().split(" +")[0]);
        }
    }

    @Test
    void parallelStreamsEachGetTheirShareAndASum() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "user", "--bytes", "48m", "--parallel", "3", "--json");
        assertEquals(3, doc.at("/start/test_start/num_streams").asInt());
        assertEquals(3, doc.at("/end/streams").size());
        long sum = 0;
        for (JsonNode s : doc.at("/end/streams")) {
            assertEquals(16L << 20, s.at("/sender/bytes").asLong());
            sum += s.at("/receiver/bytes").asLong();
        }
        assertEquals(48L << 20, sum);
        assertEquals(48L << 20, doc.at("/end/sum_received/bytes").asLong());
    }

    @Test
    void reverseAndParallelAcrossTwoProcesses() throws Exception {
        int port = CliProcess.freePort();
        // reversed: the listening process sends 2 streams of 8 MiB; the connecting one receives
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--engine", "user", "-4", "--port", Integer.toString(port),
                "--reverse", "--parallel", "2", "--bytes", "16m", "--json")) {
            rx.awaitOutput("listening on", 20);
            JsonNode got = Json.kttcp4j(120, "send", "127.0.0.1", "--engine", "user", "--port", Integer.toString(port),
                    "--reverse", "--parallel", "2", "--json");
            assertEquals(16L << 20, got.at("/end/sum_received/bytes").asLong());
            assertTrue(got.at("/end/sum_sent").isMissingNode(), "the connecting end sent nothing");
            assertEquals(0, rx.waitFor(60), rx.stderr());
            JsonNode sent = Json.parse(rx.stdout());
            assertEquals(16L << 20, sent.at("/end/sum_sent/bytes").asLong());
            assertEquals(2, sent.at("/end/streams").size());
        }
    }

    @Test
    void mixedEnginesOnTheTwoEndsAreNamedInTheReport() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "splice", "--receiver-engine", "nio", "--bytes", "24m", "--json");
        assertEquals("splice", doc.at("/end/kttcp4j/0/engine").asText());
        assertEquals("nio", doc.at("/end/kttcp4j/1/engine").asText());
        assertEquals(24L << 20, doc.at("/end/sum_received/bytes").asLong());
        doc = Json.kttcp4j(120, "loopback", "--engine", "nio", "--receiver-engine", "splice", "--bytes", "24m", "--json");
        assertEquals(24L << 20, doc.at("/end/sum_received/bytes").asLong());
        assertEquals("splice", doc.at("/end/kttcp4j/1/engine").asText());
        assertTrue(doc.at("/end/kttcp4j/1/engine_description").asText().contains("kernel sink: recv(MSG_TRUNC) discard"),
                doc.at("/end/kttcp4j/1/engine_description").asText());
    }

    @Test
    void waitAllReceivesWholeBuffersAndSaysSo() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "user", "--waitall", "--bytes", "32m", "--buffer", "256k", "--json");
        assertEquals(32L << 20, doc.at("/end/sum_received/bytes").asLong());
        JsonNode rx = doc.at("/end/kttcp4j/1");
        assertTrue(rx.get("engine_description").asText().contains("MSG_WAITALL"), rx.toString());
        assertEquals(128 + 1, rx.get("calls").asLong(), "one recv per full 256 KiB buffer, and the one that sees EOF: " + rx);
    }

    @Test
    void aReceiveLowWaterMarkIsSetOnTheReceivingEnd() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--engine", "user", "--receiver-engine", "splice", "--rcvlowat", "1m",
                "--bytes", "64m", "--json");
        assertEquals(64L << 20, doc.at("/end/sum_received/bytes").asLong(), "a mark above what is left still ends at EOF");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "nio", "--rcvlowat", "64k")) {
            assertEquals(1, p.waitFor(30));
            assertTrue(p.stderr().contains("SO_RCVLOWAT"), p.stderr());
        }
    }

    @Test
    void theDefaultEngineHereIsNamedInTheOutput() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--bytes", "8m")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().contains("sender    engine splice (write from a 128 KiB user buffer; kernel sink:"
                    + " recv(MSG_TRUNC) discard, 1 MiB per call)"), p.stdout());
        }
    }

    @Test
    void aReversedReceiverStreamsTheIntervalsOfItsSendingEnd() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--engine", "user", "-4", "--port", Integer.toString(port),
                "--reverse", "--bytes", "8m", "--interval", "100ms", "--json-stream")) {
            rx.awaitOutput("\"event\":\"start\"", 20);
            Json.kttcp4j(120, "send", "127.0.0.1", "--engine", "user", "--port", Integer.toString(port), "--reverse", "--json");
            assertEquals(0, rx.waitFor(60), rx.stderr());
            List<String> lines = rx.stdout().lines().toList();
            JsonNode interval = Json.parse(lines.get(1));
            assertEquals("interval", interval.get("event").asText());
            assertTrue(interval.at("/data/sum/sender").asBoolean(), "the accepting end sent: " + interval);
            assertEquals(8L << 20, Json.parse(lines.get(lines.size() - 1)).at("/data/end/sum_sent/bytes").asLong());
        }
    }

    @Test
    void jsonStreamIsOneEventPerLine() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "1s", "--interval", "200ms", "--json-stream")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            List<JsonNode> events = new ArrayList<>();
            for (String line : p.stdout().lines().toList()) {
                events.add(Json.parse(line));
            }
            assertEquals("start", events.get(0).get("event").asText());
            assertEquals("end", events.get(events.size() - 1).get("event").asText());
            long intervals = 0;
            for (JsonNode e : events.subList(1, events.size() - 1)) {
                assertEquals("interval", e.get("event").asText());
                intervals += e.at("/data/sum/bytes").asLong();
            }
            assertTrue(events.size() >= 4, "start, about five intervals (at least two), end: " + events.size());
            assertEquals(events.get(events.size() - 1).at("/data/end/sum_sent/bytes").asLong(), intervals);
        }
    }

    @Test
    void aTerminalGetsALiveProgressLineAndQuietTurnsItOff() throws Exception {
        // util-linux script(1) gives the process a pseudo-terminal
        org.junit.jupiter.api.Assumptions.assumeTrue(CliProcess.which("script") != null, "script(1) is not installed");
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = javaBin + " -cp " + System.getProperty("java.class.path") + " org.kttcp4j.cli.Main loopback --engine user --time 1500ms";
        try (CliProcess p = CliProcess.start(List.of("script", "-qec", cmd, "/dev/null"), null)) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().matches("(?s).*\r +[0-9.]+ s +[0-9.]+ [KMG]?Bytes +[0-9.]+ [KMG]?bits/sec.*"), p.stdout());
        }
        try (CliProcess p = CliProcess.start(List.of("script", "-qec", cmd + " -q", "/dev/null"), null)) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertFalse(p.stdout().contains(" s  "), p.stdout());
        }
        // stdout into a file, stderr still the terminal: the line is drawn, and the file gets only the report
        java.nio.file.Path report = java.nio.file.Files.createTempFile("kttcp4j-report", ".txt");
        try (CliProcess p = CliProcess.start(List.of("script", "-qec", cmd + " > " + report, "/dev/null"), null)) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().matches("(?s).*\r +[0-9.]+ s +.*"), p.stdout());
            assertFalse(java.nio.file.Files.readString(report).contains("\r"), "no progress line in the report");
        } finally {
            java.nio.file.Files.deleteIfExists(report);
        }
    }
}
