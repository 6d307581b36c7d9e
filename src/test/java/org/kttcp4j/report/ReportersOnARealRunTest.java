package org.kttcp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.Family;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.testing.Json;
import org.kttcp4j.run.Tee;
import org.kttcp4j.formats.TextReporter;
import org.kttcp4j.formats.CsvReporter;

/**
 * One real run (the library's loopback over 127.0.0.1, two streams, intervals), told to the text, JSON and CSV
 * reporters at once: whatever the machine's speed, they print the same bytes, the intervals add up to what was
 * sent, and each rate is bytes * 8 / seconds. The hand-made values of the other tests cannot show that a real
 * run's pieces (intervals cut by a timer, ends from two threads) agree.
 */
class ReportersOnARealRunTest {
    @Test
    void textJsonAndCsvTellTheSameRun() throws Exception {
        StringWriter text = new StringWriter();
        StringWriter json = new StringWriter();
        StringWriter csv = new StringWriter();
        Run run = Run.loopback().engine("user").family(Family.V4).parallel(2).bytes(16L << 20)
                .interval(Duration.ofMillis(20)).build();
        Results results = run.execute(new Tee(List.of(new TextReporter(new PrintWriter(text, true)),
                new JsonReporter(json, "kttcp4j test"), new CsvReporter(csv))));
        assertFalse(results.failed(), results.toString());

        JsonNode doc = Json.parse(json.toString());
        long sent = doc.at("/end/sum_sent/bytes").asLong();
        assertEquals(16L << 20, sent);
        assertEquals(sent, doc.at("/end/sum_received/bytes").asLong());
        long intervals = 0;
        for (JsonNode in : doc.get("intervals")) {
            intervals += in.at("/sum/bytes").asLong();
            long streams = 0;
            for (JsonNode s : in.get("streams")) {
                streams += s.get("bytes").asLong();
            }
            assertEquals(in.at("/sum/bytes").asLong(), streams, "a sum is its streams: " + in);
        }
        assertEquals(sent, intervals, "the intervals add up to what was sent");
        for (String sum : new String[] {"sum_sent", "sum_received"}) {
            JsonNode s = doc.at("/end/" + sum);
            assertEquals(s.get("bytes").asLong() * 8 / s.get("seconds").asDouble(), s.get("bits_per_second").asDouble(),
                    1e-6 * s.get("bits_per_second").asDouble(), sum);
        }

        // the text's [SUM] lines say the same bytes and seconds as the JSON's sums
        List<String> lines = text.toString().lines().toList();
        String tx = String.format(java.util.Locale.ROOT, "sender [SUM] %d bytes in %.3f s = ", sent,
                doc.at("/end/sum_sent/seconds").asDouble());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(tx)), tx + "\n" + text);
        String rx = String.format(java.util.Locale.ROOT, "receiver [SUM] %d bytes in %.3f s = ", sent,
                doc.at("/end/sum_received/seconds").asDouble());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(rx)), rx + "\n" + text);
        assertEquals(doc.get("intervals").size() * 3, lines.stream().filter(l -> l.startsWith("[")
                && !l.startsWith("[ ID]")).count(), "two streams and a [SUM] per interval");

        // the CSV's rows: the same intervals, the same sums
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toString())) {
            rows = it.readAll();
        }
        long csvIntervals = rows.stream().filter(r -> r.get("kind").equals("interval") && r.get("stream").equals("sum"))
                .mapToLong(r -> Long.parseLong(r.get("bytes"))).sum();
        assertEquals(sent, csvIntervals);
        Map<String, String> runRow = rows.stream().filter(r -> r.get("kind").equals("run")).findFirst().orElseThrow();
        assertEquals(Long.toString(sent), runRow.get("bytes"));
        assertEquals(doc.at("/end/kttcp4j_run/bits_per_second").asDouble(), Double.parseDouble(runRow.get("bits_per_second")),
                1e-6 * Double.parseDouble(runRow.get("bits_per_second")), "the run's rate, in both");
    }
}
