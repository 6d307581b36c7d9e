package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * --expect-gbits and --expect-cpu-per-gb as a CI job uses them: the exit status, and the one line on stderr that
 * says which threshold was missed and by how much, checked against the figures of the run's own JSON (--output).
 */
class OutputsThresholdCliTest {
    private static final Pattern GBITS = Pattern.compile(
            "kttcp4j: expected at least 100000\\.000 Gbit/s, measured (\\d+\\.\\d{3}) \\(([-+]\\d+\\.\\d) %\\)(.*)");

    private static String percent(double measured, double expected) {
        return String.format(Locale.ROOT, "%+.1f", (measured - expected) / expected * 100);
    }

    @Test
    void aMetThresholdExitsZeroAndSaysNothing() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m",
                "--expect-gbits", "0.001")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertEquals("", p.stderr());
            assertTrue(p.stdout().contains("receiver  16777216 bytes"), p.stdout());
        }
    }

    @Test
    void aMissedThroughputIsOneLineWithTheMeasuredFigureAndExitThree(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m",
                "--expect-gbits", "100000", "--output", json.toString())) {
            assertEquals(3, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().contains("receiver  16777216 bytes"), "the results are printed: " + p.stdout());
            List<String> lines = p.stderr().lines().toList();
            assertEquals(1, lines.size(), p.stderr());
            Matcher m = GBITS.matcher(lines.get(0));
            assertTrue(m.matches(), lines.get(0));
            double gbits = Json.parse(json).at("/end/kttcp4j_run/bits_per_second").asDouble() / 1e9;
            assertEquals(String.format(Locale.ROOT, "%.3f", gbits), m.group(1));
            assertEquals(percent(gbits, 100000), m.group(2));
            assertEquals("", m.group(3));
        }
    }

    @Test
    void aMissedCpuThresholdNamesCpuSecondsPerGigabyte(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "300ms",
                "--expect-cpu-per-gb", "0.01", "--expect-gbits", "0.001", "--output", json.toString())) {
            assertEquals(3, p.waitFor(60), p.stderr());
            List<String> lines = p.stderr().lines().toList();
            assertEquals(1, lines.size(), "only the missed one: " + p.stderr());
            double cpu = Json.parse(json).at("/end/kttcp4j_run/cpu_seconds_per_gb").asDouble();
            assertEquals(String.format(Locale.ROOT, "kttcp4j: expected at most 0.010 CPU s/GB, measured %.3f (%s %%)",
                    cpu, percent(cpu, 0.01)), lines.get(0));
        }
    }

    @Test
    void aFigureThatWasNotMeasuredMissesTheThreshold() {
        // 512 KiB is under the 1 MiB that CPU s/GB needs (measure.Figures.MIN_CPU_BYTES)
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "512k",
                "--expect-cpu-per-gb", "5")) {
            assertEquals(3, p.waitFor(60), p.stderr());
            assertEquals(List.of("kttcp4j: expected at most 5.000 CPU s/GB, not measured (the run was under 20 ms or"
                    + " 1 MiB: give more --bytes or --time)"), p.stderr().lines().toList());
        }
    }

    @Test
    void repeatsAreJudgedByTheirMedian(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("runs.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "nio", "--bytes", "8m", "--repeat", "3",
                "--expect-gbits", "100000", "--output", json.toString())) {
            assertEquals(3, p.waitFor(60), p.stderr());
            List<String> lines = p.stderr().lines().toList();
            assertEquals(1, lines.size(), "one line for the series, not one per run: " + p.stderr());
            Matcher m = GBITS.matcher(lines.get(0));
            assertTrue(m.matches(), lines.get(0));
            JsonNode doc = Json.parse(json);
            double median = doc.at("/summary/0/gbits_per_second/median").asDouble();
            assertEquals(String.format(Locale.ROOT, "%.3f", median), m.group(1));
            assertEquals(", the median of 3 runs", m.group(3));
        }
    }

    @Test
    void aFailedRunExitsTwoAndIsNotJudged() {
        int port = CliProcess.freePort(); // nothing listens: the connect is refused
        try (CliProcess p = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                Integer.toString(port), "--expect-gbits", "100000")) {
            assertEquals(2, p.waitFor(30), p.stderr());
            assertFalse(p.stderr().contains("expected"), p.stderr());
            assertEquals(1, p.stderr().lines().count(), p.stderr());
        }
    }

    @Test
    void aStoppedRunExitsWithItsSignalNotThree() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "30s", "--interval", "200ms",
                "--expect-gbits", "100000")) {
            p.awaitOutput("[  1]", 30); // the run is under way
            ProcessHandle.of(p.pid()).orElseThrow().destroy(); // SIGTERM
            assertEquals(143, p.waitFor(20), p.stderr());
            assertFalse(p.stderr().contains("expected"), p.stderr());
        }
    }

    @Test
    void aThresholdMustBeAPositiveNumber() {
        for (String bad : new String[] {"0", "-1", "fast"}) {
            try (CliProcess p = CliProcess.kttcp4j("loopback", "--expect-gbits", bad)) {
                assertEquals(1, p.waitFor(30), bad);
                assertEquals(1, p.stderr().lines().count(), p.stderr());
                assertTrue(p.stderr().contains("--expect-gbits") && p.stderr().contains("above 0"), p.stderr());
            }
        }
    }
}
