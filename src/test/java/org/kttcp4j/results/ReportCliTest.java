package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * `kttcp4j report`'s bad input: one line, the right exit status, and no page written; and what it reads of the
 * sending end's TCP_INFO from real result files (the figures the wire charts draw), without a browser.
 */
class ReportCliTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAResultExitsOne() {
        Path bad = Fixtures.write(dir.resolve("bad.json"), "[1, 2, 3]\n");
        Path out = dir.resolve("r.html");
        try (CliProcess p = CliProcess.kttcp4j("report", bad.toString(), "-o", out.toString())) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertEquals("kttcp4j: " + bad + ": a JSON array of numbers, not of results: give a file written by kttcp4j --json "
                    + "(or --output) or by iperf3 -J", p.stderr().strip());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnwritableOutputExitsOneBeforeReading() {
        Path run = Fixtures.kttcp4j(dir, "run.json", "loopback", "-e", "nio", "--bytes", "8m", "--json", "-q");
        Path out = dir.resolve("no-such-dir").resolve("r.html");
        try (CliProcess p = CliProcess.kttcp4j("report", run.toString(), "-o", out.toString())) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertEquals("kttcp4j: cannot write -o " + out + ": directory " + out.getParent() + " does not exist (give"
                    + " a file in a directory that exists and can be written)", p.stderr().strip());
        }
    }

    @Test
    void withoutOutputItIsAUsageError() {
        try (CliProcess p = CliProcess.kttcp4j("report", "x.json")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("Missing required option: '--output=FILE'"), p.stderr());
        }
    }

    /**
     * A real sender's file (kttcp4j loopback, two streams, intervals): per interval the retransmits are the JSON's
     * sum, cwnd and RTT the mean of the streams' snd_cwnd and rtt; the run's total is end.sum_sent.retransmits;
     * the cwnd and RTT are not all zero; and the page's data carries them.
     */
    @Test
    void aSendersTcpInfoIsReadAsTheFileHasIt() throws IOException {
        Path f = Fixtures.kttcp4jOutput(dir, "sender.json", "loopback", "--time", "2", "--interval", "0.5",
                "--parallel", "2", "-q");
        JsonNode doc = Fixtures.read(f);
        List<JsonNode> intervals = ReportBrowserTest.intervals(doc);
        Run run = ResultFile.read(f).runs().get(0);
        assertEquals(intervals.size(), run.intervals().size());
        assertTrue(intervals.size() >= 3, "a 2 s run with 0.5 s intervals: " + intervals.size());
        double cwndMax = 0;
        double rttMax = 0;
        for (int i = 0; i < intervals.size(); i++) {
            JsonNode in = intervals.get(i);
            Run.Interval got = run.intervals().get(i);
            assertTrue(in.path("sum").has("retransmits"), "Linux's TCP_INFO gives retransmits: " + in);
            assertEquals(in.path("sum").get("retransmits").asDouble(), got.retransmits(), "interval " + i);
            assertEquals(ReportBrowserTest.mean(in, "snd_cwnd"), got.cwndBytes(), 1e-9, "interval " + i);
            assertEquals(ReportBrowserTest.mean(in, "rtt"), got.rttMicros(), 1e-9, "interval " + i);
            cwndMax = Math.max(cwndMax, got.cwndBytes());
            rttMax = Math.max(rttMax, got.rttMicros());
        }
        assertTrue(cwndMax > 0 && rttMax > 0, "a sender's cwnd and RTT are not all zero: " + cwndMax + ", " + rttMax);
        assertEquals(doc.at("/end/sum_sent/retransmits").asDouble(), run.retransmits());

        JsonNode page = pageData(report(f));
        JsonNode r = page.at("/results/0/groups/0/runs/0");
        assertEquals(intervals.size(), r.get("retr").size(), r.toString());
        assertEquals(doc.at("/end/sum_sent/retransmits").asDouble(), r.get("retransmits").asDouble());
        for (int i = 0; i < intervals.size(); i++) {
            assertEquals(intervals.get(i).path("sum").get("retransmits").asDouble(), r.get("retr").get(i).asDouble());
        }
    }

    /** Files without a sender's TCP_INFO (a receiver's, the nio engine's): absent, never zeros. */
    @Test
    void absentFiguresStayAbsent() throws IOException {
        Path receiver = Fixtures.kttcp4jReceiver(dir, "receiver.json");
        Path nio = Fixtures.kttcp4jOutput(dir, "nio.json", "loopback", "-e", "nio", "--time", "1", "--interval",
                "0.25", "-q");
        for (Path f : List.of(receiver, nio)) {
            Run run = ResultFile.read(f).runs().get(0);
            assertFalse(run.intervals().isEmpty(), f + " has intervals");
            assertFalse(run.hasWire(), f + ": no TCP_INFO figure is made up");
            for (Run.Interval in : run.intervals()) {
                assertTrue(Double.isNaN(in.retransmits()) && Double.isNaN(in.cwndBytes()) && Double.isNaN(in.rttMicros()),
                        f + ": " + in);
            }
            JsonNode r = pageData(report(f)).at("/results/0/groups/0/runs/0");
            assertFalse(r.has("retr") || r.has("retransmits") || r.has("cwnd"), f + ": " + r);
        }
    }

    private Path report(Path input) {
        Path out = dir.resolve(input.getFileName() + ".html");
        try (CliProcess p = CliProcess.kttcp4j("report", input.toString(), "-o", out.toString())) {
            assertEquals(0, p.waitFor(60), p.stderr());
        }
        return out;
    }

    /** The figures HtmlReport put into the page (the JSON report.js draws from). */
    static JsonNode pageData(Path html) throws IOException {
        Matcher m = Pattern.compile("<script id=\"kttcp4j-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(html));
        assertTrue(m.find(), "no data in " + html);
        return Json.parse(m.group(1));
    }
}
