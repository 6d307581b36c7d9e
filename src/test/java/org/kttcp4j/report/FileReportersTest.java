package org.kttcp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.document.Json;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;
import org.w3c.dom.Element;
import org.kttcp4j.formats.JUnitReporter;

/**
 * --output and --junit files through a long series as a process that may die between runs leaves them: after
 * every run the file on disk is a whole document holding every run so far, and at the end it is what stdout
 * shows (JSON) or what CI reads (JUnit).
 */
class FileReportersTest {
    static final String VERSION = "kttcp4j 0.1.0";

    /** A series of n runs of the sample series' first size. */
    static List<RunResult> runs(Run run, int n) {
        RunResult one = Samples.series().runs().get(0);
        List<RunResult> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new RunResult(run, one.sockbuf(), i, one.started(), one.sides(), one.intervals(), one.cpu(),
                    one.wallNanos()));
        }
        return out;
    }

    @Test
    void aSeriesFileIsAWholeDocumentAfterEveryRunAndEndsAsStdoutDoes(@TempDir Path dir) throws Exception {
        Run run = Run.loopback().engine("user").bytes(1L << 30).repeat(30).processes(1).build();
        List<RunResult> runs = runs(run, 30);
        Path file = dir.resolve("series.json");
        StringWriter stdout = new StringWriter();
        JsonReporter out = new JsonReporter(stdout, VERSION);
        try (JsonReporter f = JsonReporter.toFile(file, "--output " + file, VERSION)) {
            f.started(run, "engine");
            out.started(run, "engine");
            assertEquals(0, Json.mapper().readTree(file.toFile()).get("runs").size(), "whole before the first run");
            for (RunResult r : runs) {
                f.runEnded(r);
                out.runEnded(r);
                JsonNode doc = Json.mapper().readTree(file.toFile());
                assertEquals(r.index(), doc.get("runs").size(), "after run " + r.index());
                assertTrue(doc.get("stopped").isNull() && doc.get("error").isNull());
            }
            List<SummaryRow> summary = Samples.series().summary().subList(0, 1);
            Results end = ReportFixture.results(run, List.of(), summary, "SIGTERM", null);
            f.summary(summary);
            out.summary(summary);
            f.finished(end);
            out.finished(end);
        }
        assertEquals(stdout.toString(), Files.readString(file), "the file ends as --json prints it");
        assertEquals("SIGTERM", Json.mapper().readTree(file.toFile()).get("stopped").asText());
    }

    @Test
    void aServersFileHoldsOneDocumentPerRunAfterEach(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("serve.json");
        RunResult r = Samples.loopback();
        try (JsonReporter f = JsonReporter.toFile(file, "--output " + file, VERSION)) {
            f.started(r.run(), "engine");
            for (int i = 1; i <= 3; i++) {
                f.runEnded(r);
                int docs = 0;
                try (var it = Json.mapper().readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (it.hasNextValue()) {
                        it.nextValue();
                        docs++;
                    }
                }
                assertEquals(i, docs);
            }
            f.finished(ReportFixture.results(r.run(), List.of(), List.of(), "SIGINT", null));
        }
        StringWriter one = new StringWriter();
        JsonDocument.run(one, r, VERSION);
        assertEquals(one.toString().repeat(3), Files.readString(file), "a stop between runs adds nothing");
    }

    /**
     * A full disk (a 64 KiB tmpfs the test mounts, as root): the run whose part does not fit fails with the
     * file's name and the cause, and the file stays the whole document the runs before it left.
     */
    @Test
    void aFullDiskLeavesTheRunsBeforeItWhole(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small file system needs root");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .inheritIO().start().waitFor());
        try {
            Run run = Run.loopback().engine("user").bytes(1L << 30).repeat(100).processes(1).build();
            Path file = mnt.resolve("series.json");
            int written = 0;
            try (JsonReporter f = JsonReporter.toFile(file, "--output " + file, VERSION)) {
                f.started(run, "engine");
                java.io.UncheckedIOException full = null;
                for (RunResult r : runs(run, 100)) {
                    try {
                        f.runEnded(r);
                        written++;
                    } catch (java.io.UncheckedIOException e) {
                        full = e;
                        break;
                    }
                }
                assertTrue(full != null, "64 KiB holds fewer than 100 runs");
                assertTrue(full.getMessage().startsWith("cannot write --output " + file + ": No space left on device"),
                        full.getMessage());
            }
            assertTrue(written > 2, "some runs fitted: " + written);
            JsonNode doc = Json.mapper().readTree(file.toFile());
            assertEquals(written, doc.get("runs").size(), "the runs before the full disk, whole");
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }

    static Element suite(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    @Test
    void aJUnitFileIsWholeAfterEveryTestcaseWithItsCounts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junit.xml");
        RunResult ok = Samples.loopback();
        RunResult failed = Samples.sendParallel();
        try (JUnitReporter j = new JUnitReporter(file, new Thresholds(null, null), VERSION)) {
            j.started(ok.run(), "engine");
            assertEquals("0", suite(file).getAttribute("tests"), "whole before any run");
            for (int i = 1; i <= 12; i++) { // past 9: a count gains a digit and the head grows
                RunResult r = i % 3 == 0 ? failed : ok;
                j.runStarted(r.run(), r.sockbuf(), 1);
                j.runEnded(r);
                Element s = suite(file);
                assertEquals(Integer.toString(i), s.getAttribute("tests"));
                assertEquals(Integer.toString(i / 3), s.getAttribute("errors"));
                assertEquals(i, s.getElementsByTagName("testcase").getLength());
            }
            j.finished(ReportFixture.results(ok.run(), List.of(), List.of(), null, null));
        }
        Element s = suite(file);
        assertEquals("12", s.getAttribute("tests"));
        assertTrue(s.getElementsByTagName("error").item(0).getTextContent().contains("ECONNRESET"));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
}
