package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;

/**
 * Result files read back as a user makes them: real iperf3 -J files (a client's and a server's) and kttcp4j's
 * (a two-process loopback, a receiver, a sender), each judged by whose CPU it counts, so that compare puts like
 * beside like.
 */
class ResultFileTest {
    @TempDir
    static Path dir;
    static Path loopback;
    static Path receiver;

    @BeforeAll
    static void files() {
        loopback = Fixtures.kttcp4j(dir, "loopback.json", "loopback", "--time", "1s", "--json", "-q");
        receiver = Fixtures.kttcp4jReceiver(dir, "receiver.json");
    }

    /** CPU s/GB as iperf3.sh counts it: percent of the run's seconds, per 10^9 bytes of the headline. */
    static double perGB(JsonNode doc, double percent) {
        JsonNode h = doc.at("/end/sum_received");
        return percent / 100 * h.get("seconds").asDouble() / (h.get("bytes").asDouble() / 1e9);
    }

    @Test
    void iperf3sClientFileCountsBothEndsAndEachAlone() {
        Path ip = Fixtures.iperf3(dir, "client.json", "-t", "1");
        JsonNode doc = Fixtures.read(ip);
        Run r = ResultFile.read(ip).runs().get(0);
        assertEquals("client", r.key().mode());
        assertEquals(CpuCover.BOTH, r.cpuCovers());
        JsonNode cpu = doc.at("/end/cpu_utilization_percent");
        double host = cpu.get("host_total").asDouble();
        double remote = cpu.get("remote_total").asDouble();
        assertEquals(perGB(doc, host + remote), r.cpu(CpuCover.BOTH), 1e-12);
        assertEquals(perGB(doc, host), r.cpu(CpuCover.SENDER), 1e-12, "the client sends: host_* is its");
        assertEquals(perGB(doc, remote), r.cpu(CpuCover.RECEIVER), 1e-12, "the server receives: remote_*");
        assertEquals(cpu.get("host_user").asDouble() + cpu.get("remote_user").asDouble(), r.cpuUserPercent(), 1e-9,
                "the utilisation chart counts both processes too");
        assertEquals(doc.at("/end/sum_received/bits_per_second").asDouble() / 1e9, r.gbits(), 1e-12);
        assertEquals(doc.at("/end/sender_tcp_congestion").asText(), r.settings().get("congestion control"));
    }

    @Test
    void iperf3sServerFileIsTheServersAndCountsItsOwnCpu() throws InterruptedException {
        Path ip = Fixtures.iperf3Server(dir, "server.json", "-t", "1");
        JsonNode doc = Fixtures.read(ip);
        assertTrue(doc.at("/start").has("accepted_connection"), "a server's file: " + doc.at("/start"));
        ResultFile f = ResultFile.read(ip);
        Run r = f.runs().get(0);
        assertEquals("server", r.key().mode());
        assertTrue(r.key().label().startsWith("iperf3 server"), r.key().label());
        assertTrue(r.settings().get("mode").startsWith("server (peer 127.0.0.1)"), r.settings().toString());
        assertEquals(List.of(CpuCover.RECEIVER), List.copyOf(r.cpuPerGB().keySet()),
                "its remote_* are 0: the server is not told the client's CPU");
        assertEquals(perGB(doc, doc.at("/end/cpu_utilization_percent/host_total").asDouble()), r.cpu(), 1e-12);
        assertEquals(doc.at("/end/receiver_tcp_congestion").asText(), r.settings().get("congestion control"));
    }

    @Test
    void kttcp4jIsJudgedByTheRunsFigureBothProcesses() {
        JsonNode doc = Fixtures.read(loopback);
        Run r = ResultFile.read(loopback).runs().get(0);
        assertEquals(2, doc.at("/end/kttcp4j_run/processes").asInt(), "the loopback runs in two processes");
        assertEquals(CpuCover.BOTH, r.cpuCovers());
        assertEquals(doc.at("/end/kttcp4j_run/cpu_seconds_per_gb").asDouble(), r.cpu(), 1e-12);
        assertTrue(r.cpu() > doc.at("/end/kttcp4j/0/cpu_seconds_per_gb").asDouble(),
                "both processes' CPU is more than the sender's alone: " + doc.at("/end"));
        assertTrue(r.settings().get("CPU of").startsWith("both ends (2 processes)"), r.settings().toString());
        if (doc.at("/end").has("sender_tcp_congestion")) { // Linux names it
            assertEquals(doc.at("/end/sender_tcp_congestion").asText(), r.settings().get("congestion control"));
        }
        Run rx = ResultFile.read(receiver).runs().get(0);
        assertEquals(CpuCover.RECEIVER, rx.cpuCovers());
    }

    @Test
    void compareByCpuPutsLikeBesideLike() {
        assumeIperf3();
        ResultFile client = ResultFile.read(Fixtures.iperf3(dir, "client2.json", "-t", "1"));
        ResultFile rx = ResultFile.read(receiver);
        // a kttcp4j receiver against iperf3's client: the receiving ends' CPU on both sides (iperf3's remote_*)
        Comparison.Outcome o = Comparison.compare(client, rx, Metric.CPU, 1e9);
        assertEquals(client.runs().get(0).cpu(CpuCover.RECEIVER), o.rows().get(0).baseMedian(), 1e-12);
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("CPU s/GB of the receiver on both sides")), o.notes().toString());
        // the loopback against iperf3's client: both ends on both sides
        Comparison.Outcome both = Comparison.compare(client, ResultFile.read(loopback), Metric.CPU, 1e9);
        assertEquals(client.runs().get(0).cpu(CpuCover.BOTH), both.rows().get(0).baseMedian(), 1e-12);
        assertTrue(both.notes().stream().anyMatch(n -> n.contains("CPU s/GB of both ends on both sides")), both.notes().toString());
    }

    @Test
    void aSendersCpuIsNotComparedWithAReceiversAlone() throws InterruptedException {
        ResultFile server = ResultFile.read(Fixtures.iperf3Server(dir, "server2.json", "-t", "1"));
        ResultFile sender = ResultFile.read(sender());
        ResultException e = assertThrows(ResultException.class,
                () -> Comparison.compare(server, sender, Metric.CPU, 5));
        assertTrue(e.getMessage().contains("counts the receiver") && e.getMessage().contains("the sender")
                && e.getMessage().contains("--metric gbits"), e.getMessage());
        assertFalse(Comparison.compare(server, sender, Metric.GBITS, 100).rows().isEmpty(), "Gbit/s still compare");
    }

    /** A sender's --output: `kttcp4j send` against a `kttcp4j recv` on 127.0.0.1, each stopped by its PID. */
    static Path sender() {
        Path out = dir.resolve("sender.json");
        String port = Integer.toString(CliProcess.freePort());
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-B", "127.0.0.1", "--port", port)) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--port", port, "--time", "1s", "-q",
                    "--output", out.toString())) {
                assertEquals(0, tx.waitFor(60), "kttcp4j send: " + tx.stderr());
            }
            assertEquals(0, rx.waitFor(60), "kttcp4j recv: " + rx.stderr());
        }
        return out;
    }

    static void assumeIperf3() {
        org.junit.jupiter.api.Assumptions.assumeTrue(CliProcess.which("iperf3") != null, "iperf3 is not installed");
    }
}
