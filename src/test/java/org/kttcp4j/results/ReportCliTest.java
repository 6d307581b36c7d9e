package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;

/** `kttcp4j report`'s bad input: one line, the right exit status, and no page written. */
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
    void anUnwritableOutputExitsTwo() {
        Path run = Fixtures.kttcp4j(dir, "run.json", "loopback", "-e", "nio", "--bytes", "8m", "--json", "-q");
        Path out = dir.resolve("no-such-dir").resolve("r.html");
        try (CliProcess p = CliProcess.kttcp4j("report", run.toString(), "-o", out.toString())) {
            assertEquals(2, p.waitFor(60), p.stderr());
            String err = p.stderr().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("kttcp4j: cannot write " + out) && err.endsWith("give a writable path with -o"), err);
        }
    }

    @Test
    void withoutOutputItIsAUsageError() {
        try (CliProcess p = CliProcess.kttcp4j("report", "x.json")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("Missing required option: '--output=FILE'"), p.stderr());
        }
    }
}
