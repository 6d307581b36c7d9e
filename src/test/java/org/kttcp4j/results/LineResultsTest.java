package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;

/**
 * compare and report read each end's interface and the line back from a real run's file (docs/nic.md): the
 * settings table's interface and line rows, the percent on each run, and compare's note with both sides' medians.
 */
class LineResultsTest {
    @TempDir
    Path dir;

    private Path run(String name, String... extra) {
        Path out = dir.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("loopback", "--engine", "user",
                "--bytes", "16m", "-q", "--output", out.toString()));
        args.addAll(java.util.List.of(extra));
        try (CliProcess p = CliProcess.kttcp4j(args.toArray(String[]::new))) {
            assertEquals(0, p.waitFor(60), p.stderr());
        }
        return out;
    }

    @Test
    void theInterfaceAndTheLineComeBackIntoTheSettingsAndCompare() {
        Path a = run("a.json", "--line-rate", "1k:l2");
        Path b = run("b.json");
        RecordedRun withLine = ResultFile.read(a).runs().get(0);
        RecordedRun without = ResultFile.read(b).runs().get(0);
        assertTrue(withLine.settings().get("sender interface").startsWith("lo, loopback, MTU "), withLine.settings()
                .toString());
        assertTrue(withLine.settings().get("line").contains("% of the line (0.9990 kbit/s at MTU "), withLine.settings().toString());
        assertTrue(withLine.settings().get("line").contains("--line-rate, l2 framing"), withLine.settings().toString());
        assertTrue(withLine.linePercent() > 100, "any run beats a 1 kbit/s line: " + withLine.linePercent());
        assertEquals("none: lo is loopback: no link speed, so no line (--line-rate sets one)", without.settings()
                .get("line"));
        assertTrue(Double.isNaN(without.linePercent()));
        assertNull(without.line());
        Comparison.Outcome o = Comparison.compare(ResultFile.read(a), ResultFile.read(b), Metric.GBITS, 100);
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("% of the line (") && n.endsWith(
                "in the baseline, no line in the new result")), o.notes().toString());
    }
}
