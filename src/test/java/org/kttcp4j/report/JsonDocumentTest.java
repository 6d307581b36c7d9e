package org.kttcp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Event;
import org.kttcp4j.document.Json;
import org.kttcp4j.run.Outcome;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.RunResult;

/**
 * The result document as the reporters write it: the bytes of each kind of run are pinned by a file under
 * src/test/resources (field names, order, null for "not measured", fields left out where a kernel has none), and
 * what is written reads back into the model and writes again to the same bytes, documents and events alike.
 */
class JsonDocumentTest {
    static final String VERSION = "kttcp4j 0.1.0";

    /** Each sample's --json document and its --json-stream lines, by the golden file's name. */
    static Map<String, String> written() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, RunResult> e : Samples.runs().entrySet()) {
            RunResult r = e.getValue();
            StringWriter w = new StringWriter();
            new JsonReporter(w, VERSION).runEnded(r);
            out.put(e.getKey() + ".json", w.toString());
            StringWriter s = new StringWriter();
            JsonStreamReporter js = new JsonStreamReporter(s, VERSION);
            js.runStarted(r.run(), r.sockbuf(), r.index());
            r.intervals().forEach(js::interval);
            js.runEnded(r);
            js.finished(new Results(r.run(), List.of(r), List.of(), Outcome.COMPLETED));
            out.put(e.getKey() + ".jsonl", s.toString());
        }
        for (Map.Entry<String, Results> e : Map.of("series", Samples.series(), "refused", Samples.refused()).entrySet()) {
            Results all = e.getValue();
            StringWriter w = new StringWriter();
            JsonReporter j = new JsonReporter(w, VERSION);
            j.started(all.run(), "engine");
            all.runs().forEach(j::runEnded);
            j.summary(all.summary());
            j.finished(withoutRuns(all));
            out.put(e.getKey() + ".json", w.toString());
            StringWriter s = new StringWriter();
            JsonStreamReporter js = new JsonStreamReporter(s, VERSION);
            for (RunResult r : all.runs()) {
                js.runStarted(r.run(), r.sockbuf(), r.index());
                js.runEnded(r);
            }
            js.summary(all.summary());
            js.finished(withoutRuns(all));
            out.put(e.getKey() + ".jsonl", s.toString());
        }
        return out;
    }

    /**
     * The reporters write each run as it ends and the statistics from the summary event: they need not find
     * the runs in the Results that end the whole thing (which may keep only what the statistics need).
     */
    static Results withoutRuns(Results all) {
        return new Results(all.run(), List.of(), all.summary(), all.outcome());
    }

    /** The host's own system_info, which a golden file cannot know, as "SYSTEM". */
    static String normal(String json) {
        return json.replaceAll("\"system_info\"( ?: ?)\"[^\"]*\"", "\"system_info\"$1\"SYSTEM\"");
    }

    static String golden(String name) throws IOException {
        try (InputStream in = JsonDocumentTest.class.getResourceAsStream("golden/" + name)) {
            assertTrue(in != null, "golden/" + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBytesAreThePinnedOnes() throws IOException {
        for (Map.Entry<String, String> e : written().entrySet()) {
            assertEquals(golden(e.getKey()), normal(e.getValue()), e.getKey());
        }
    }

    @Test
    void aDocumentReadBackWritesTheSameBytes() throws IOException {
        for (Map.Entry<String, String> e : written().entrySet()) {
            if (!e.getKey().endsWith(".json")) {
                continue;
            }
            var tree = Json.mapper().readTree(e.getValue());
            Object back = tree.has("runs") ? Json.series(tree) : Json.run(tree);
            assertEquals(e.getValue(), Json.document(back), e.getKey());
        }
    }

    @Test
    void eachEventReadBackWritesTheSameLine() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, String> e : written().entrySet()) {
            if (!e.getKey().endsWith(".jsonl")) {
                continue;
            }
            for (String line : e.getValue().split("\n")) {
                Event ev = Json.event(line);
                kinds.add(ev.event());
                StringWriter again = new StringWriter();
                Json.event(again, ev);
                assertEquals(line + "\n", again.toString(), e.getKey());
            }
        }
        for (String k : List.of(Event.START, Event.INTERVAL, Event.END, Event.SUMMARY, Event.ERROR, Event.STOPPED)) {
            assertTrue(kinds.contains(k), "the samples have a " + k + " event: " + kinds);
        }
    }

    /** What the model gives a reader: typed fields, null where a figure was not measured. */
    @Test
    void theModelTypesWhatItReads() throws IOException {
        Document d = Json.run(Json.mapper().readTree(written().get("two-processes.json")));
        assertEquals(2, d.end().kttcp4jRun().processes());
        assertEquals(4242L, d.end().kttcp4jRun().receiverPid());
        assertEquals("both ends (two processes)", d.end().kttcp4jRun().cpuCovers());
        assertEquals(4_000_000_000L, d.end().headline().bytes());
        Document bidir = Json.run(Json.mapper().readTree(written().get("recv-bidir.json")));
        assertNull(bidir.end().kttcp4jRun().cpuSecondsPerGb(), "5 ms: CPU not measured");
        assertEquals("SIGINT", bidir.end().kttcp4jRun().stopped());
        assertEquals(1, bidir.start().testStart().bidir());
        Event start = Json.event(written().get("loopback.jsonl").split("\n")[0]);
        Document.Start s = (Document.Start) start.data();
        assertNull(s.connected(), "the start event comes before any connection");
        assertEquals("splice", s.testStart().engine());
    }
}
