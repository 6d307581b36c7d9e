package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Descriptors;
import org.kttcp4j.testing.Json;

class SubcommandCliTest {

    @Test
    void loopbackJsonHasIperf3sShapeAndBothEndsAgree() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "64m", "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode doc = Json.parse(p.stdout());
            assertEquals("loopback", doc.at("/start/mode").asText());
            assertEquals("127.0.0.1", doc.at("/start/connected/0/remote_host").asText());
            assertEquals(64L << 20, doc.at("/start/test_start/bytes").asLong());
            assertEquals(64L << 20, doc.at("/end/sum_sent/bytes").asLong());
            assertEquals(64L << 20, doc.at("/end/sum_received/bytes").asLong());
            for (String sum : new String[] {"/end/sum_sent", "/end/sum_received"}) {
                double bps = doc.at(sum + "/bytes").asLong() * 8 / doc.at(sum + "/seconds").asDouble();
                assertEquals(bps, doc.at(sum + "/bits_per_second").asDouble(), bps * 1e-9, sum + ": bytes * 8 / seconds");
            }
            assertTrue(doc.at("/start/sndbuf_actual").asInt() > 0);
            JsonNode sender = doc.at("/end/kttcp4j/0");
            assertEquals("sender", sender.get("role").asText());
            assertEquals("user", sender.get("engine").asText());
            assertEquals("wall", sender.get("clock").asText());
            assertFalse(sender.get("partial").asBoolean());
            assertTrue(doc.at("/end/cpu_utilization_percent/host_total").asDouble() > 0);
            assertTrue(doc.get("intervals").isArray());
        }
    }

    @Test
    void loopbackTextNamesTheEngineAndPrintsAThroughputLine() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-6", "--bytes", "32m")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            String out = p.stdout();
            assertTrue(out.contains("peer ::1 port"), out);
            assertTrue(out.matches("(?s).*sender +engine \\w+ \\(.*"), out);
            assertTrue(out.matches("(?s).*receiver +33554432 bytes in [0-9.]+ s = [0-9.]+ Gbit/s.*"), out);
        }
    }

    @Test
    void sendAndRecvAsSeparateProcesses() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--engine", "user", "--port", Integer.toString(port), "-4", "--json")) {
            rx.awaitOutput("listening on 0.0.0.0 port " + port, 20);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                    Integer.toString(port), "--bytes", "48m", "--buffer", "32k")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                assertTrue(tx.stdout().contains("sender    50331648 bytes"), tx.stdout());
                assertTrue(tx.stdout().contains("32 KiB user buffer"), tx.stdout());
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            JsonNode doc = Json.parse(rx.stdout());
            assertEquals(48L << 20, doc.at("/end/sum_received/bytes").asLong());
            assertEquals("recv", doc.at("/start/mode").asText());
        }
    }

    @Test
    void recvServeTakesRunsOneAfterAnotherUntilStopped() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--serve", "--engine", "user", "-4", "--port", Integer.toString(port))) {
            rx.awaitOutput("listening on", 20);
            for (String size : new String[] {"3m", "5m"}) {
                try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "nio", "--port",
                        Integer.toString(port), "--bytes", size)) {
                    assertEquals(0, tx.waitFor(60), tx.stderr());
                }
            }
            rx.awaitOutput("receiver  5242880 bytes", 20);
            assertTrue(rx.stdout().contains("receiver  3145728 bytes"), rx.stdout());
            assertTrue(rx.alive(), "--serve keeps listening");
            ProcessHandle.of(rx.pid()).orElseThrow().destroy(); // SIGTERM, as a service manager stops it
            int code = rx.waitFor(20);
            assertTrue(code != 0, "stopped, not finished");
            assertTrue(rx.stderr().contains("stopped by SIGTERM while waiting for a connection on port " + port), rx.stderr());
            assertEquals(143, code, "128 + SIGTERM");
        }
    }

    @Test
    void abiJsonDescribesThisMachine() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("abi", "--json")) {
            assertEquals(0, p.waitFor(30), p.stderr());
            JsonNode doc = Json.parse(p.stdout());
            // docs/netbsd.md's table: LP64 (this JVM is 64-bit here) is 40 bytes, requests 0xC0284B00/0xC0284B01
            org.junit.jupiter.api.Assumptions.assumeTrue(com.sun.jna.Native.LONG_SIZE == 8, "the table's LP64 row");
            assertEquals(40, doc.at("/kttcp_io_args/size").asInt());
            assertEquals(40, doc.at("/kttcp_io_args/expected_size").asInt());
            assertEquals("0xc0284b00", doc.at("/ioctl/KTTCP_IO_SEND").asText());
            assertEquals("0xc0284b01", doc.at("/ioctl/KTTCP_IO_RECV").asText());
            assertEquals(32, doc.at("/kttcp_io_args/offsets/kio_socket").asInt());
            assertEquals(16, doc.at("/kttcp_io_args/offsets/kio_elapsed").asInt());
            assertTrue(doc.at("/constants/SOL_SOCKET").isInt());
            assertTrue(doc.at("/errno/ENOTSOCK").isInt());
        }
    }

    @Test
    void helpHasExamplesAndVersionNamesJna() {
        try (CliProcess p = CliProcess.kttcp4j("--help")) {
            assertEquals(0, p.waitFor(30));
            assertTrue(p.stdout().contains("Examples:"), p.stdout());
            assertTrue(p.stdout().contains("loopback"), p.stdout());
        }
        try (CliProcess p = CliProcess.kttcp4j("--version")) {
            assertEquals(0, p.waitFor(30));
            assertTrue(p.stdout().startsWith("kttcp4j 0."), p.stdout());
            assertTrue(p.stdout().contains("JNA 5.13.0"), p.stdout());
        }
    }

    @Test
    void badSubcommandInputIsOneLineAndExitOne() {
        String[][] cases = {
            {"loopback", "--engine", "warp"},
            {"loopback", "--bytes", "lots"},
            {"loopback", "--time", "soon"},
            {"loopback", "--time", "1s", "--bytes", "1m"},
            {"send"},
            {"send", "localhost", "--buffer", "0"},
            {"send", "no-such-host.invalid", "--engine", "user"},
            {"loopback", "--engine", "nio", "--waitall"},
            {"send", "localhost", "--engine", "user", "--waitall"},
        };
        int[] codes = {1, 1, 1, 1, 1, 1, 2, 1, 1};
        for (int i = 0; i < cases.length; i++) {
            try (CliProcess p = CliProcess.kttcp4j(cases[i])) {
                assertEquals(codes[i], p.waitFor(30), String.join(" ", cases[i]) + ": " + p.stderr());
                assertEquals(1, p.stderr().lines().count(), String.join(" ", cases[i]) + ": " + p.stderr());
            }
        }
    }

    @Test
    void aRunInThisProcessLeavesNoDescriptorsBehind() throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(sink, sink, "loopback", "--engine", "user", "--bytes", "1m"));
        int before = Descriptors.count();
        assertEquals(0, Main.run(sink, sink, "loopback", "--engine", "user", "--bytes", "8m"));
        try (java.net.Socket refusing = new java.net.Socket()) { // bound, never listening: refused while held
            refusing.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            assertEquals(2, Main.run(sink, sink, "send", "127.0.0.1", "--engine", "user", "--port",
                    Integer.toString(refusing.getLocalPort())));
            Descriptors.assertNoneLeaked(before + 1); // the held socket is this test's own
        }
    }
}
