package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** What the wire did, per stream and interval, in the outputs: TCP_INFO's retransmits, cwnd and RTT (Linux). */
class WireStatsCliTest {
    @Test
    void jsonCarriesIperf3sSenderFields() throws Exception {
        JsonNode doc = Json.kttcp4j(60, "loopback", "--engine", "user", "--time", "1s", "--interval", "250ms", "-P", "2", "--json");
        JsonNode intervals = doc.get("intervals");
        assertTrue(intervals.size() >= 4, doc.toString());
        long summed = 0;
        for (JsonNode in : intervals) {
            long streams = 0;
            for (JsonNode s : in.get("streams")) {
                assertTrue(s.get("retransmits").asLong() >= 0, s.toString());
                assertTrue(s.get("snd_cwnd").asLong() > 0, s.toString());
                assertTrue(s.get("rtt").asLong() > 0 && s.get("rtt").asLong() < 1_000_000, s.toString());
                assertTrue(s.has("rttvar"), s.toString());
                assertFalse(s.get("omitted").asBoolean());
                streams += s.get("retransmits").asLong();
            }
            assertEquals(streams, in.at("/sum/retransmits").asLong(), "the sum's retransmits add the streams'");
            summed += streams;
        }
        long total = 0;
        for (JsonNode s : doc.at("/end/streams")) {
            JsonNode sender = s.get("sender");
            assertTrue(sender.get("snd_cwnd").asLong() > 0, sender.toString());
            assertTrue(sender.get("rtt").asLong() > 0, sender.toString());
            assertTrue(sender.get("max_rtt").asLong() >= sender.get("min_rtt").asLong(), sender.toString());
            assertTrue(sender.get("max_snd_cwnd").asLong() > 0, sender.toString());
            total += sender.get("retransmits").asLong();
            assertFalse(s.get("receiver").has("retransmits"), "the receiver has no retransmits: " + s);
        }
        assertEquals(total, doc.at("/end/sum_sent/retransmits").asLong());
        assertEquals(total, summed, "the intervals' retransmits add up to the run's");
    }

    @Test
    void theNioEngineSaysNothingRatherThanZero() throws Exception {
        JsonNode doc = Json.kttcp4j(60, "loopback", "--engine", "nio", "--time", "500ms", "--interval", "250ms", "--json");
        JsonNode s = doc.at("/intervals/0/streams/0");
        assertFalse(s.has("retransmits"), s.toString());
        assertFalse(s.has("snd_cwnd"), s.toString());
        assertFalse(doc.at("/end/sum_sent").has("retransmits"), doc.at("/end").toString());
    }

    @Test
    void csvHasTheColumnsFilledForTheSender() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--time", "600ms", "--interval",
                "200ms", "--csv")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(p.stdout());
            List<Map<String, String>> rows = it.readAll();
            int intervals = 0;
            for (Map<String, String> r : rows) {
                if (r.get("kind").equals("interval")) {
                    intervals++;
                    assertTrue(Long.parseLong(r.get("snd_cwnd_bytes")) > 0, r.toString());
                    assertTrue(Long.parseLong(r.get("rtt_us")) > 0, r.toString());
                    assertTrue(Long.parseLong(r.get("retransmits")) >= 0, r.toString());
                    assertEquals("false", r.get("omitted"));
                }
                if (r.get("kind").equals("end") && r.get("role").equals("sender")) {
                    assertTrue(Long.parseLong(r.get("snd_cwnd_bytes")) > 0, r.toString());
                }
                if (r.get("kind").equals("end") && r.get("role").equals("receiver")) {
                    assertEquals("", r.get("retransmits"), r.toString());
                }
            }
            assertTrue(intervals >= 3, rows.toString());
        }
    }

    /** A receiving process meters its receivers: per interval what a receiver's TCP_INFO has, no sender columns. */
    @Test
    void aReceiverReportsItsRttEstimatePerInterval() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess recv = CliProcess.kttcp4j("recv", "--engine", "user", "-p", Integer.toString(port), "--bind",
                "127.0.0.1", "--bytes", "256m", "-i", "50ms", "--json")) {
            recv.awaitOutput("listening", 60);
            try (CliProcess send = CliProcess.kttcp4j("send", "127.0.0.1", "-p", Integer.toString(port), "--engine",
                    "user", "--bytes", "256m")) {
                assertEquals(0, send.waitFor(60), send.stderr());
            }
            assertEquals(0, recv.waitFor(60), recv.stderr());
            JsonNode doc = Json.stdout(recv);
            long withRtt = 0;
            for (JsonNode in : doc.get("intervals")) {
                JsonNode s = in.at("/streams/0");
                assertFalse(s.get("sender").asBoolean());
                assertTrue(s.get("retransmits") == null && s.get("snd_cwnd") == null,
                        "a receiver has no sender's figures, not zeros: " + s);
                if (s.has("rcv_rtt") && s.get("rcv_rtt").asLong() > 0) {
                    withRtt++;
                    assertTrue(s.get("rcv_rtt").asLong() < 1_000_000, "a loopback RTT estimate under a second: " + s);
                }
                if (s.get("bytes").asLong() > 0) { // the stream's thread had started: its connection is sampled
                    assertTrue(s.has("rcv_ooopack"), "Linux since 5.4 counts out-of-order segments: " + s);
                }
            }
            assertTrue(withRtt >= 1, "Linux's receiver estimates its RTT once data flows: " + doc.get("intervals"));
        }
    }
}
