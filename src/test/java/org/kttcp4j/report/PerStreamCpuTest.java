package org.kttcp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Json;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.formats.TextReporter;
import org.kttcp4j.formats.CsvReporter;

/**
 * An end's CPU is its whole process's: with several streams, one stream's CPU s/GB would charge it with every
 * stream's CPU, so no format prints it; the sums and the run's own figure keep theirs. With one stream the
 * end's figure is the stream's and stays.
 */
class PerStreamCpuTest {
    static List<CSVRecord> csv(RunResult r) throws Exception {
        StringWriter w = new StringWriter();
        CsvReporter c = new CsvReporter(w);
        c.runStarted(r.run(), r.sockbuf(), r.index());
        c.runEnded(r);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(w.toString())).getRecords();
    }

    static String text(RunResult r) {
        StringWriter w = new StringWriter();
        TextReporter t = new TextReporter(new PrintWriter(w, true));
        t.started(r.run(), "engine");
        t.runEnded(r);
        return w.toString();
    }

    @Test
    void twoStreamsHaveNoCpuPerGBOfTheirOwn() throws Exception {
        RunResult r = Samples.sendParallel(); // 4 MB and 3 MB over 30 ms: the process's 60 ms of CPU is both's
        for (CSVRecord row : csv(r)) {
            boolean stream = row.get("kind").equals("end") && !row.get("stream").equals("sum");
            assertEquals(stream, row.get("cpu_s_per_gb").isEmpty(), row.toString());
            assertFalse(row.get("cpu_percent").isEmpty(), "CPU % is the process's, and says so: " + row);
        }
        Document d = JsonDocument.of(r, "v");
        d.end().kttcp4j().forEach(e -> assertEquals(null, e.cpuSecondsPerGb(), e.toString()));
        assertEquals(60_000 / 1e6 / (7_000_000 / 1e9), d.end().kttcp4jRun().cpuSecondsPerGb(), 1e-9, "the run's");
        String text = text(r);
        for (String line : text.split("\n")) {
            if (line.startsWith("sender [1]") || line.startsWith("sender [2]")) {
                assertFalse(line.contains("CPU s/GB") || line.contains("not measured"), line);
                assertTrue(line.contains("(100%)"), line);
            }
            if (line.startsWith("sender [SUM]")) {
                assertTrue(line.contains("8.57 CPU s/GB"), line);
            }
        }
        assertTrue(text.contains("so a stream has no CPU s/GB of its own"), text);
    }

    @Test
    void oneStreamKeepsItsFigure() throws Exception {
        RunResult r = Samples.loopback();
        for (CSVRecord row : csv(r)) {
            assertFalse(row.get("cpu_s_per_gb").isEmpty(), row.toString());
        }
        JsonDocument.of(r, "v").end().kttcp4j().forEach(e -> assertTrue(e.cpuSecondsPerGb() > 0, e.toString()));
        assertTrue(text(r).contains(" CPU s/GB"), text(r));
    }

    @Test
    void bidirSumsHaveNoneEither() throws Exception {
        RunResult r = Samples.recvBidir(); // also too short to measure: nothing, and nothing false
        assertTrue(Json.document(JsonDocument.of(r, "v")).contains("\"cpu_seconds_per_gb\" : null"));
        for (CSVRecord row : csv(r)) {
            assertTrue(row.get("cpu_s_per_gb").isEmpty(), row.toString());
        }
    }
}
