package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * --bidir: both directions at once between the same two processes, each direction its own streams and sums, as
 * iperf3 --bidir reports them (sum / sum_bidir_reverse, sum_sent / sum_received_bidir_reverse).
 */
class BidirCliTest {
    private static final long MIB = 1 << 20;

    @Test
    void loopbackMovesTheCountEachWayOnItsOwnStreams() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bidir", "-P", "2", "--bytes", "96m",
                "--interval", "100ms", "--json")) {
            assertEquals(0, p.waitFor(90), p.stderr());
            JsonNode doc = Json.parse(p.stdout());
            assertEquals(1, doc.at("/start/test_start/bidir").asInt());
            JsonNode end = doc.get("end");
            // each direction moves --bytes, shared over its --parallel streams
            assertEquals(96 * MIB, end.at("/sum_received/bytes").asLong(), end.toString());
            assertEquals(96 * MIB, end.at("/sum_received_bidir_reverse/bytes").asLong(), end.toString());
            assertEquals(96 * MIB, end.at("/sum_sent/bytes").asLong());
            assertEquals(96 * MIB, end.at("/sum_sent_bidir_reverse/bytes").asLong());
            assertEquals(4, end.get("streams").size(), "2 streams each way: " + end.get("streams"));
            for (JsonNode s : end.get("streams")) {
                assertEquals(48 * MIB, s.at("/sender/bytes").asLong(), s.toString());
                assertEquals(s.at("/sender/bytes").asLong(), s.at("/receiver/bytes").asLong());
            }
            long forward = 0, reverse = 0;
            for (JsonNode in : doc.get("intervals")) {
                assertEquals(in.at("/streams/0/bytes").asLong() + in.at("/streams/1/bytes").asLong(),
                        in.at("/sum/bytes").asLong(), in.toString());
                assertEquals(in.at("/streams/2/bytes").asLong() + in.at("/streams/3/bytes").asLong(),
                        in.at("/sum_bidir_reverse/bytes").asLong(), in.toString());
                forward += in.at("/sum/bytes").asLong();
                reverse += in.at("/sum_bidir_reverse/bytes").asLong();
            }
            assertEquals(96 * MIB, forward, "the intervals add up to each direction's total");
            assertEquals(96 * MIB, reverse);
        }
    }

    @Test
    void twoProcessesEachSendAndReceiveAndSayWhichWay() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess recv = CliProcess.kttcp4j("recv", "--engine", "user", "--bidir", "-p", Integer.toString(port),
                "--bind", "127.0.0.1", "--bytes", "64m", "--json")) {
            recv.awaitOutput("listening", 60);
            CliProcess send = CliProcess.kttcp4j("send", "127.0.0.1", "-p", Integer.toString(port), "--engine", "user",
                    "--bidir", "--bytes", "64m", "-i", "200ms");
            try (CliProcess s = send) {
                assertEquals(0, s.waitFor(60), s.stderr());
                String out = s.stdout();
                assertTrue(out.contains("[SUM][TX-C]") && out.contains("[SUM][RX-C]"), out);
                assertTrue(out.lines().anyMatch(l -> l.startsWith("sender [1] 67108864 bytes")), out);
                assertTrue(out.lines().anyMatch(l -> l.startsWith("receiver [2] 67108864 bytes")), out);
                assertTrue(out.lines().anyMatch(l -> l.startsWith("forward   67108864 bytes")), out);
                assertTrue(out.lines().anyMatch(l -> l.startsWith("reverse   67108864 bytes")), out);
            }
            assertEquals(0, recv.waitFor(60), recv.stderr());
            JsonNode end = Json.parse(recv.stdout()).get("end");
            assertEquals(64 * MIB, end.at("/sum_received/bytes").asLong(), "the receiver got the forward direction");
            assertEquals(64 * MIB, end.at("/sum_sent_bidir_reverse/bytes").asLong(), "and sent the reverse one");
            assertTrue(end.at("/sum_sent").isMissingNode(), "it sent nothing on the forward direction: " + end);
        }
    }

    @Test
    void anEndWithoutTheFlagIsNamed() {
        int port = CliProcess.freePort();
        try (CliProcess recv = CliProcess.kttcp4j("recv", "--engine", "user", "--bidir", "-p", Integer.toString(port),
                "--bind", "127.0.0.1", "--connect-timeout", "2s", "--idle-timeout", "5s")) {
            recv.awaitOutput("listening", 60);
            try (CliProcess send = CliProcess.kttcp4j("send", "127.0.0.1", "-p", Integer.toString(port), "--engine",
                    "user", "--bytes", "16m", "--idle-timeout", "5s")) {
                send.waitFor(60); // its one stream is never played: the receiver waits for the second and gives up
            }
            assertEquals(2, recv.waitFor(60), recv.stdout() + recv.stderr());
            assertTrue((recv.stdout() + recv.stderr()).contains("without --bidir?"), recv.stdout() + recv.stderr());
        }
    }

    @Test
    void bidirWithReverseIsRefused() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--bidir", "-R", "--bytes", "1m")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertEquals(1, p.stderr().strip().lines().count(), p.stderr());
            assertTrue(p.stderr().contains("--bidir sends both ways already: drop --reverse"), p.stderr());
            assertFalse(p.stdout().contains("Gbit/s"));
        }
    }
}
