package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * The line on 127.0.0.1 as a user meets it (docs/nic.md): lo says it is loopback and has no line; --line-rate gives
 * it one at lo's own MTU; --expect-line judges the run's figure against it with exit 3; a wrong --line-rate is one
 * line and exit 1. The thresholds are chosen so no machine's speed decides them: a line of 1 kbit/s is beaten
 * by any run, one of 10^18 bit/s by none.
 */
class LineCliTest {
    @TempDir
    Path dir;

    @Test
    void loopbackSaysSoAndHasNoLineSoExpectLineIsMissed() {
        Path out = dir.resolve("lo.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "-q", "--output",
                out.toString(), "--expect-line", "50")) {
            assertEquals(3, p.waitFor(60), p.stderr() + p.stdout());
            assertTrue(p.stdout().contains("sender    interface lo, loopback, MTU "), p.stdout());
            assertTrue(p.stdout().contains("line      none: lo is loopback: no link speed"), p.stdout());
            assertTrue(p.stderr().contains("kttcp4j: expected at least 50 % of the line, not measured (lo is loopback"),
                    p.stderr());
        }
        JsonNode doc = Json.parse(readString(out));
        assertEquals("lo", doc.at("/start/interface/sender/name").asText(), doc.at("/start").toString());
        assertTrue(doc.at("/start/interface/sender/loopback").asBoolean());
        assertTrue(doc.at("/start/interface/sender/speed_bits_per_second").isNull(), "no speed on lo, not 0");
        assertTrue(doc.at("/end/kttcp4j_run/line").isMissingNode());
        assertTrue(doc.at("/end/kttcp4j_run/line_none").asText().startsWith("lo is loopback"));
    }

    @Test
    void lineRateGivesALineAtTheInterfacesMtuAndExpectLineJudgesIt() {
        Path out = dir.resolve("rate.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "-q", "--output",
                out.toString(), "--line-rate", "1k", "--expect-line", "100")) {
            assertEquals(0, p.waitFor(60), p.stderr() + p.stdout());
            assertEquals("", p.stderr());
            assertTrue(p.stdout().contains("% of the line ("), p.stdout());
        }
        JsonNode doc = Json.parse(readString(out));
        JsonNode line = doc.at("/end/kttcp4j_run/line");
        assertEquals(doc.at("/start/interface/sender/mtu").asInt(), line.path("mtu").asInt(), line.toString());
        assertEquals(1000, line.path("speed_bits_per_second").asLong());
        assertEquals("ethernet", line.path("framing").asText());
        double expect = 100 * doc.at("/end/kttcp4j_run/bits_per_second").asDouble() / line.path("bits_per_second")
                .asDouble();
        assertEquals(expect, line.path("percent").asDouble(), expect * 1e-9, "the headline over the line: " + line);
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "-q",
                "--line-rate", "1000000000000000000:l2", "--expect-line", "1")) {
            assertEquals(3, p.waitFor(60), p.stderr() + p.stdout());
            assertTrue(p.stderr().matches("(?s)kttcp4j: expected at least 1 % of the line \\(.* Gbit/s at MTU \\d+\\),"
                    + " measured \\d+\\.\\d %\\n"), p.stderr());
        }
    }

    @Test
    void aSeriesIsJudgedByTheMedianOfItsRunsPercents() throws Exception {
        Path junit = dir.resolve("junit.xml");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "8m", "--repeat", "2", "-q",
                "--line-rate", "1k", "--expect-line", "100", "--junit", junit.toString())) {
            assertEquals(0, p.waitFor(90), p.stderr() + p.stdout());
            assertTrue(p.stdout().contains("run 1/2: received 8388608 bytes") && p.stdout().contains("% of the line ("),
                    p.stdout());
        }
        assertTrue(!java.nio.file.Files.readString(junit).contains("<failure"), java.nio.file.Files.readString(junit));
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "8m", "--repeat", "2", "-q",
                "--line-rate", "1000000000000000000", "--expect-line", "1", "--junit", junit.toString())) {
            assertEquals(3, p.waitFor(90), p.stderr() + p.stdout());
            assertTrue(p.stderr().contains("% of the line, measured ") && p.stderr().contains("the median of 2 runs"),
                    p.stderr());
        }
        String xml = java.nio.file.Files.readString(junit);
        assertTrue(xml.contains("<failure") && xml.contains("% of the line"), xml);
    }

    @Test
    void aWrongLineRateIsOneLineAndExitOne() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--line-rate", "fast")) {
            assertEquals(1, p.waitFor(30), p.stderr());
            assertTrue(p.stderr().contains("--line-rate 'fast' is not RATE[:FRAMING]"), p.stderr());
            assertTrue(p.stderr().contains("e.g. 10gbit, 2.5g or 1gbit:l2"), p.stderr());
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--line-rate", "1gbit:atm")) {
            assertEquals(1, p.waitFor(30), p.stderr());
            assertTrue(p.stderr().contains("framing 'atm' is not ethernet or l2"), p.stderr());
        }
    }

    private static String readString(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
