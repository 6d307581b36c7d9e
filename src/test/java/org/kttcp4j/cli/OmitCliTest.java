package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** --omit (iperf3 -O): the warm-up is shown, marked omitted, and left out of the figures. */
class OmitCliTest {
    @Test
    void theWarmUpIsMarkedAndLeftOutOfTheTotals() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "1s", "--omit", "1s",
                "--interval", "250ms", "-P", "2", "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode doc = Json.stdout(p);
            assertEquals(1.0, doc.at("/start/test_start/omit").asDouble());
            int omitted = 0;
            long counted = 0;
            long retransmits = 0;
            for (JsonNode in : doc.get("intervals")) {
                boolean o = in.at("/sum/omitted").asBoolean();
                for (JsonNode s : in.get("streams")) {
                    assertEquals(o, s.get("omitted").asBoolean());
                }
                if (o) {
                    omitted++;
                    assertTrue(counted == 0, "the omitted intervals come first: " + doc.get("intervals"));
                } else {
                    counted += in.at("/sum/bytes").asLong();
                    retransmits += in.at("/sum/retransmits").asLong();
                }
            }
            assertTrue(omitted >= 3, "a second of 250 ms intervals is omitted: " + doc.get("intervals"));
            assertTrue(counted > 0);
            JsonNode sent = doc.at("/end/sum_sent");
            assertEquals(counted, sent.get("bytes").asLong(), "the figures are the intervals that were not omitted");
            assertEquals(retransmits, sent.get("retransmits").asLong());
            double seconds = sent.get("seconds").asDouble();
            assertTrue(seconds > 0.8 && seconds < 1.5, "the time measured is --time's, not the warm-up's: " + seconds);
            JsonNode first = doc.at("/intervals/" + omitted + "/sum");
            assertEquals(0.0, first.get("start").asDouble(), "the counted intervals start again at 0, as iperf3's");
        }
    }

    @Test
    void textMarksOmittedLines() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "500ms", "-O", "500ms",
                "-i", "250ms")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            long marked = p.stdout().lines().filter(l -> l.endsWith("(omitted)")).count();
            assertTrue(marked >= 1, p.stdout());
        }
    }

    @Test
    void anUntimedSenderIsRefused() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "1m", "--omit", "1s")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("--omit leaves out the first part of a timed run: add --time"), p.stderr());
        }
    }
}
