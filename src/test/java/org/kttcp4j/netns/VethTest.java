package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * kttcp4j on two hosts: two network namespaces joined by an unshaped veth pair (ci/netns.sh up), a receiving
 * process in one and a sending process in the other, as a user runs it between two machines (issue #9 A).
 */
@Tag("netns")
@WithNetnsLab
class VethTest {
    static final long MIB = 1L << 20;
    final NetnsLab lab;

    VethTest(NetnsLab lab) {
        this.lab = lab;
    }

    static final String[] ENGINES = {"splice", "user", "nio"};

    /**
     * Every sender engine against every receiver engine, B to A and A to B: 18 runs of 64 MiB. To keep the suite
     * short on a 2-CPU machine, each direction has one `recv --serve` per receiver engine, and the three runs of
     * one sender engine go at once (one to each receiver); every run sends its own byte count (64 MiB plus a
     * few KiB), which identifies it among the receiver's documents and is checked to the byte at both ends.
     */
    @TestFactory
    Stream<DynamicTest> everyEnginePairBothWays() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] way : new String[][] {{"B", "A"}, {"A", "B"}}) {
            String tx = way[0];
            String rx = way[1];
            List<CliProcess> receivers = new ArrayList<>();
            Map<String, TwoHosts.Run> runs = new LinkedHashMap<>();
            try {
                for (int j = 0; j < ENGINES.length; j++) {
                    receivers.add(lab.kttcp4j(rx, "recv", "--serve", "--engine", ENGINES[j], "-4",
                            "--port", Integer.toString(5100 + j), "--json", "-q"));
                }
                for (CliProcess r : receivers) {
                    r.awaitOutput("listening on", 30);
                }
                for (int i = 0; i < ENGINES.length; i++) {
                    List<CliProcess> senders = new ArrayList<>();
                    for (int j = 0; j < ENGINES.length; j++) {
                        senders.add(lab.kttcp4j(tx, "send", lab.addr(rx), "--engine", ENGINES[i],
                                "--port", Integer.toString(5100 + j), "--bytes", Long.toString(pairBytes(i, j)),
                                "--json", "-q"));
                    }
                    for (int j = 0; j < ENGINES.length; j++) {
                        try (CliProcess s = senders.get(j)) {
                            int status = s.waitFor(60);
                            runs.put(i + "/" + j, new TwoHosts.Run(-1, null, null, status, s.stdout(), s.stderr()));
                        }
                    }
                }
                List<List<JsonNode>> docs = new ArrayList<>();
                for (CliProcess r : receivers) {
                    docs.add(awaitDocuments(r, ENGINES.length, 30));
                }
                for (int i = 0; i < ENGINES.length; i++) {
                    for (int j = 0; j < ENGINES.length; j++) {
                        TwoHosts.Run sent = runs.get(i + "/" + j);
                        JsonNode got = find(docs.get(j), pairBytes(i, j));
                        String txEngine = ENGINES[i];
                        String rxEngine = ENGINES[j];
                        long bytes = pairBytes(i, j);
                        List<JsonNode> all = docs.get(j);
                        tests.add(DynamicTest.dynamicTest(txEngine + " in " + tx + " sends " + bytes + " bytes to "
                                + rxEngine + " in " + rx, () -> checkPair(sent, got, all, txEngine, rxEngine, tx, rx, bytes)));
                    }
                }
            } finally {
                for (CliProcess r : receivers) {
                    r.close();
                }
            }
        }
        return tests.stream();
    }

    static long pairBytes(int txIndex, int rxIndex) {
        return 64 * MIB + 1024L * (3 * txIndex + rxIndex);
    }

    private void checkPair(TwoHosts.Run sent, JsonNode got, List<JsonNode> all, String txEngine, String rxEngine,
            String tx, String rx, long bytes) {
        assertEquals(0, sent.txStatus(), "sender: " + sent.txErr() + sent.txOut());
        JsonNode s = Json.parse(sent.txOut());
        assertEquals(bytes, s.at("/end/sum_sent/bytes").asLong(), sent.txOut());
        assertEquals(txEngine, s.at("/end/kttcp4j/0/engine").asText());
        assertEquals(lab.addr(rx), s.at("/start/connected/0/remote_host").asText(), sent.txOut());
        assertTrue(got != null, "the " + rxEngine + " receiver reported no run of exactly " + bytes + " bytes; it reported "
                + all.stream().map(d -> d.at("/end/sum_received/bytes").asText()).toList());
        assertEquals(rxEngine, got.at("/end/kttcp4j/0/engine").asText());
        assertFalse(got.at("/end/kttcp4j/0/partial").asBoolean(), got.toString());
        // the receiver names the other host: the bytes crossed the veth, not a loopback
        assertEquals(lab.addr(tx), got.at("/start/connected/0/remote_host").asText(), got.toString());
        assertTrue(got.at("/end/sum_received/bits_per_second").asDouble() > 0, got.toString());
    }

    private static JsonNode find(List<JsonNode> docs, long bytes) {
        return docs.stream().filter(d -> d.at("/end/sum_received/bytes").asLong() == bytes).findFirst().orElse(null);
    }

    /** The JSON documents a `recv --serve --json` printed, once it has printed n of them (bounded wait). */
    static List<JsonNode> awaitDocuments(CliProcess p, int n, int seconds) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            List<JsonNode> docs = Json.completeDocuments(p.stdout());
            if (docs.size() >= n) {
                return docs;
            }
            if (System.nanoTime() > end || !p.alive()) {
                throw new AssertionError("the receiver printed " + docs.size() + " of " + n + " documents within "
                        + seconds + " s: " + p.stderr());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The C kttcp tool's command line and output lines, across the link (kttcp.c rev 1.5's printf formats). */
    @Test
    void theCToolsModeAcrossTheLink() {
        try (CliProcess rx = lab.kttcp4j("A", "-r", "-4")) {
            rx.awaitOutput("kttcp: listening on port 22222", 30);
            try (CliProcess tx = lab.kttcp4j("B", "-t", "-n", "32m", lab.addr("A"))) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                assertEquals(0, rx.waitFor(60), rx.stderr());
                List<String> t = Arrays.asList(tx.stdout().split("\n"));
                List<String> r = Arrays.asList(rx.stdout().split("\n"));
                assertEquals("kttcp: socket buffer size: 65536", t.get(0), tx.stdout());
                assertEquals("kttcp: connected to " + lab.addr("A"), t.get(1), tx.stdout());
                assertTrue(t.get(2).matches("kttcp: 33554432 bytes in \\d+\\.\\d{3} real seconds ==> \\d+ bytes/sec"), t.get(2));
                assertTrue(t.get(3).matches(" {7}[0-9.e+]+ \\([0-9.e+]+\\) Megabits/sec"), t.get(3));
                assertTrue(t.get(4).matches(" {2}\\d+\\.\\d{2}user \\d+\\.\\d{2}sys \\d+\\.\\d+real \\d+%"), t.get(4));
                assertTrue(r.get(0).matches("kttcp: socket buffer size: \\d+"), rx.stdout());
                assertEquals("kttcp: listening on port 22222", r.get(1), rx.stdout());
                assertEquals("kttcp: connect from " + lab.addr("B"), r.get(2), rx.stdout());
                assertTrue(r.get(3).matches("kttcp: 33554432 bytes in \\d+\\.\\d{3} real seconds ==> \\d+ bytes/sec"), r.get(3));
                assertTrue(tx.stderr().contains("kttcp4j: engine"), "the engine is named on stderr: " + tx.stderr());
            }
        }
    }

    @Test
    void twoParallelStreamsCrossTheLinkWithASum() {
        TwoHosts.Run run = TwoHosts.run(lab, "A", List.of("--engine", "user", "-4", "--port", "5002", "--parallel", "2", "--json", "-q"),
                "B", List.of(lab.addr("A"), "--engine", "splice", "--port", "5002", "--parallel", "2", "--bytes", "64m",
                        "--json", "-q"), 60).ok();
        JsonNode r = run.rx();
        assertEquals(2, r.at("/end/streams").size(), run.rxOut());
        assertEquals(2, r.at("/start/connected").size(), run.rxOut());
        long sum = 0;
        for (JsonNode s : r.at("/end/streams")) {
            assertTrue(s.at("/receiver/bytes").asLong() > 0, "every stream carried bytes: " + s);
            sum += s.at("/receiver/bytes").asLong();
        }
        assertEquals(64 * MIB, sum);
        assertEquals(64 * MIB, r.at("/end/sum_received/bytes").asLong());
        for (JsonNode c : r.at("/start/connected")) {
            assertEquals(lab.addr("B"), c.at("/remote_host").asText());
        }
        assertEquals(64 * MIB, run.tx().at("/end/sum_sent/bytes").asLong(), run.txOut());
    }

    @Test
    void reverseMakesTheConnectingHostReceive() {
        TwoHosts.Run run = TwoHosts.run(lab, "A", List.of("--engine", "splice", "-4", "--port", "5003", "--reverse",
                        "--bytes", "32m", "--json", "-q"),
                "B", List.of(lab.addr("A"), "--engine", "nio", "--port", "5003", "--reverse", "--json", "-q"), 60).ok();
        JsonNode listening = run.rx();
        JsonNode connecting = run.tx();
        assertEquals(32 * MIB, listening.at("/end/sum_sent/bytes").asLong(), run.rxOut());
        assertTrue(listening.at("/end/sum_received").isMissingNode(), "the listening end received nothing: " + run.rxOut());
        assertEquals(32 * MIB, connecting.at("/end/sum_received/bytes").asLong(), run.txOut());
        assertTrue(connecting.at("/end/sum_sent").isMissingNode(), "the connecting end sent nothing: " + run.txOut());
        assertEquals(lab.addr("B"), listening.at("/start/connected/0/remote_host").asText());
    }

    /** --bidir across the link: each host sends --bytes on its own connection and receives the other's. */
    @Test
    void bidirSendsBothWaysAcrossTheLink() {
        TwoHosts.Run run = TwoHosts.run(lab, "A", List.of("--engine", "splice", "-4", "--port", "5005", "--bidir",
                        "--bytes", "48m", "--json", "-q"),
                "B", List.of(lab.addr("A"), "--engine", "user", "--port", "5005", "--bidir", "--bytes", "48m",
                        "--json", "-q"), 60).ok();
        JsonNode listening = run.rx();
        JsonNode connecting = run.tx();
        assertEquals(48 * MIB, connecting.at("/end/sum_sent/bytes").asLong(), run.txOut());
        assertEquals(48 * MIB, connecting.at("/end/sum_received_bidir_reverse/bytes").asLong(), run.txOut());
        assertEquals(48 * MIB, listening.at("/end/sum_received/bytes").asLong(), run.rxOut());
        assertEquals(48 * MIB, listening.at("/end/sum_sent_bidir_reverse/bytes").asLong(), run.rxOut());
        assertEquals(2, listening.at("/start/connected").size(), run.rxOut());
        for (JsonNode c : listening.at("/start/connected")) {
            assertEquals(lab.addr("B"), c.at("/remote_host").asText());
        }
    }

    /**
     * `send --bind ADDR` chooses the source address: B has two addresses on its veth and Linux picks the first
     * (primary) one unless told, so the receiver sees the second one only if --bind was applied.
     */
    @Test
    void sendBindChoosesTheSourceAddressTheReceiverSees() {
        String second = lab.addr("B2");
        TwoHosts.Run run = TwoHosts.run(lab, "A", List.of("--engine", "user", "-4", "--port", "5004", "--json", "-q"),
                "B", List.of(lab.addr("A"), "--bind", second, "--engine", "user", "--port", "5004", "--bytes", "8m",
                        "--json", "-q"), 60).ok();
        assertEquals(second, run.rx().at("/start/connected/0/remote_host").asText(),
                "the receiver should see the address given to send --bind (" + second + "), not the primary "
                        + lab.addr("B") + " (issue #7: send --bind was ignored); connected: " + run.rx().at("/start/connected"));
    }

    /** `recv --bind ADDR` listens on that address only: the other address of the same host refuses. */
    @Test
    void recvBindListensOnOneAddressOnly() {
        String second = lab.addr("A2");
        try (CliProcess rx = lab.kttcp4j("A", "recv", "--engine", "user", "-4", "--bind", second, "--port", "5005",
                "--json", "-q")) {
            rx.awaitOutput("listening on " + second, 30);
            try (CliProcess refused = lab.kttcp4j("B", "send", lab.addr("A"), "--engine", "user", "--port", "5005",
                    "--bytes", "1m", "-q")) {
                assertEquals(2, refused.waitFor(60), "nothing listens on " + lab.addr("A") + ": " + refused.stderr());
                assertTrue(refused.stderr().toLowerCase().contains("refused"), refused.stderr());
            }
            try (CliProcess tx = lab.kttcp4j("B", "send", second, "--engine", "user", "--port", "5005", "--bytes", "8m",
                    "--json", "-q")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                assertEquals(0, rx.waitFor(60), rx.stderr());
                assertEquals(8 * MIB, Json.parse(rx.stdout()).at("/end/sum_received/bytes").asLong());
            }
        }
    }
}
