package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * What a run nobody watches must do: end by itself, say why, report what it measured, and exit with the code
 * the README's table gives. Each failure is provoked for real, with separate processes on 127.0.0.1.
 */
class ReliabilityCliTest {

    static String port(int p) {
        return Integer.toString(p);
    }

    @Test
    void endsThatDisagreeOnReverseEndWithTheLikelyCauseAndExit2() {
        int port = CliProcess.freePort();
        // both ends receive: nothing ever moves, and both say so within the idle timeout
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--idle-timeout", "2s");
                CliProcess tx = startWhenListening(rx, "send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--reverse", "--idle-timeout", "2s")) {
            assertEquals(2, tx.waitFor(30), tx.stderr());
            assertEquals(2, rx.waitFor(30), rx.stderr());
            String idle = "stream 1 moved no data for 2 s: the other end runs with another --parallel or --reverse, or"
                    + " has stopped (--idle-timeout sets the wait)";
            String closed = "the peer closed the connection without sending anything: is it a sender (both ends given"
                    + " --reverse, or neither)?";
            // whichever end times out first says so; the other then sees its peer close with nothing sent (or times
            // out too): both messages name the cause
            for (CliProcess p : List.of(tx, rx)) {
                assertTrue(p.stderr().contains(idle) || p.stderr().contains(closed), p.stderr());
            }
            assertTrue(tx.stderr().contains(idle) || rx.stderr().contains(idle), "one end timed out");
        }
    }

    @Test
    void aSenderWithMoreStreamsThanTheReceiverEndsWithExit2() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--idle-timeout", "2s");
                CliProcess tx = startWhenListening(rx, "send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--parallel", "3", "--bytes", "3g", "--idle-timeout", "2s", "--json")) {
            assertEquals(2, tx.waitFor(60), tx.stderr());
            rx.waitFor(60);
            assertTrue(tx.stderr().contains("sender stream"), tx.stderr());
            JsonNode doc = Json.parse(tx.stdout());
            assertTrue(doc.at("/end/kttcp4j_run/failed").asBoolean());
            long partial = 0;
            for (JsonNode end : doc.at("/end/kttcp4j")) {
                partial += end.get("partial").asBoolean() ? 1 : 0;
            }
            assertTrue(partial >= 2, "the streams nobody received are partial: " + doc.at("/end/kttcp4j"));
        }
    }

    @Test
    void aReceiverWhoseSenderIsKilledReportsThePartialTransferAndExits2() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--bytes", "100g",
                "--json");
                CliProcess tx = startWhenListening(rx, "send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--bytes", "100g", "--interval", "100ms")) {
            tx.awaitOutput("[  1]", 60); // connected and sending: the first interval line
            ProcessHandle.of(tx.pid()).orElseThrow().destroyForcibly(); // kill -9: no chance to say goodbye
            assertEquals(2, rx.waitFor(30), rx.stderr());
            JsonNode end = Json.parse(rx.stdout()).at("/end/kttcp4j/0");
            assertTrue(end.get("partial").asBoolean());
            assertTrue(end.get("bytes").asLong() > 0 && end.get("bytes").asLong() < 100L << 30, end.toString());
            assertEquals(100L << 30, end.get("requested_bytes").asLong());
            assertTrue(rx.stderr().contains("receiver failed: partial transfer, " + end.get("bytes").asLong()
                    + " of " + (100L << 30) + " bytes"), rx.stderr());
        }
    }

    @Test
    void aSendToAnAddressThatNeverAnswersEndsAtTheConnectTimeout() throws Exception {
        // a listener that never accepts, its backlog full: further SYNs are dropped, so connect gets no answer
        java.net.InetAddress lo = java.net.InetAddress.getByName("127.0.0.1");
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, lo)) {
            java.util.List<java.net.Socket> fill = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(new java.net.InetSocketAddress(lo, full.getLocalPort()), 200);
                        fill.add(s);
                    } catch (java.net.SocketTimeoutException e) {
                        s.close();
                        break;
                    }
                }
                try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--port", port(full.getLocalPort()),
                        "-e", "user", "--connect-timeout", "1s")) {
                    assertEquals(2, tx.waitFor(30), tx.stderr());
                    assertEquals("kttcp4j: connect to 127.0.0.1 port " + full.getLocalPort() + ": no answer in 1 s: is"
                            + " the receiver running and reachable (a firewall may drop the packets)?"
                            + " --connect-timeout sets the wait", tx.stderr().strip());
                }
            } finally {
                for (java.net.Socket s : fill) {
                    s.close();
                }
            }
        }
    }

    @Test
    void sigtermStopsARepeatedRunAndPrintsTheFinishedRunsAndTheSummary() throws Exception {
        Path file = Files.createTempFile("kttcp4j-sigterm", ".json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "1s", "--repeat", "20",
                "--json-stream", "--output", file.toString())) {
            // two runs finished (their "end" events), the third under way: however slow the JVM was to start
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.stdout().lines().filter(l -> l.contains("\"end\"")).count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            ProcessHandle.of(p.pid()).orElseThrow().destroy();
            assertEquals(143, p.waitFor(20), p.stderr());
            JsonNode doc = Json.parse(Files.readString(file));
            assertTrue(doc.get("runs").size() >= 2, "the finished runs are printed: " + doc.get("runs").size());
            assertTrue(doc.get("stopped").asText().startsWith("SIGTERM"), doc.toString());
            assertEquals(1, doc.get("summary").size(), "and their statistics");
            JsonNode last = doc.get("runs").get(doc.get("runs").size() - 1).at("/end/kttcp4j/0");
            assertEquals("SIGTERM", last.get("stopped").asText(), "the run in progress is reported as stopped");
            assertTrue(last.get("partial").asBoolean());
            assertTrue(last.get("error").isNull(), "a stop is not a socket error: " + last);
            assertTrue(p.stderr().contains("kttcp4j: stopped by SIGTERM"), p.stderr());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void sigintStopsATextRunAndSaysSoForEachEnd() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "30s", "--interval", "100ms")) {
            p.awaitOutput("[  1]", 60); // both ends up (the receiver in its own process) and sending
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertEquals(130, p.waitFor(20), p.stderr());
            String out = p.stdout();
            assertTrue(out.matches("(?s).*sender    \\d+ bytes in .* \\[stopped by SIGINT after \\d+ bytes\\].*"), out);
            assertTrue(out.matches("(?s).*receiver  \\d+ bytes in .* \\[stopped by SIGINT after \\d+ bytes\\].*"), out);
            assertFalse(out.contains("ended by error"), out);
        }
    }

    @Test
    void aReceiverGivenTimeDoesNotWaitForeverForItsSender() {
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-4", "--port", port(CliProcess.freePort()), "--time", "1s",
                "--connect-timeout", "1s")) {
            assertEquals(2, rx.waitFor(30), rx.stderr());
            assertTrue(rx.stderr().contains("no connection from a sender in 2 s on 0.0.0.0 port"), rx.stderr());
        }
    }

    @Test
    void sweepRowsShowTheReceivingSocketsReceiveBuffer() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--bytes", "8m", "--sockbuf", "64k,128k",
                "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode doc = Json.parse(p.stdout());
            for (int i = 0; i < 2; i++) {
                JsonNode run = doc.get("runs").get(i);
                JsonNode receiver = null;
                for (JsonNode e : run.at("/end/kttcp4j")) {
                    if (e.get("role").asText().equals("receiver")) {
                        receiver = e;
                    }
                }
                assertEquals(receiver.get("rcvbuf_actual").asInt(), doc.get("summary").get(i).get("rcvbuf_actual").asInt());
                assertEquals(receiver.get("rcvbuf_actual").asInt(), run.at("/start/rcvbuf_actual").asInt());
                // Linux doubles what was asked (socket(7)): the receiver's own buffer, not the sender's 32 KiB one
                assertEquals(2 * (64 << 10) * (i + 1), receiver.get("rcvbuf_actual").asInt());
            }
        }
    }

    @Test
    void sendBindChoosesTheSourceAddressTheReceiverSees() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--json");
                CliProcess tx = startWhenListening(rx, "send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--bind", "127.0.0.2", "--bytes", "1m")) {
            assertEquals(0, tx.waitFor(30), tx.stderr());
            assertEquals(0, rx.waitFor(30), rx.stderr());
            assertEquals("127.0.0.2", Json.parse(rx.stdout()).at("/start/connected/0/remote_host").asText());
        }
    }

    @Test
    void anIpv4PeerOfAnIpv6ListenerIsWrittenAsPeopleWriteIt() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "--port", port(port));
                CliProcess tx = startWhenListening(rx, "send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--bytes", "1m")) {
            assertEquals(0, rx.waitFor(30), rx.stderr());
            assertTrue(rx.stderr().contains("kttcp4j: listening on :: port " + port), rx.stderr());
            assertTrue(rx.stdout().contains("peer 127.0.0.1 port "), rx.stdout());
        }
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        String[][] cases = {
            {"--time 1d", "kttcp4j: Invalid value for option '--time': invalid duration '1d': use e.g. 10s, 500ms, 2m or 1h"
                + " (see: kttcp4j loopback --help)"},
            {"--time 1e-12", "kttcp4j: Invalid value for option '--time': invalid duration '1e-12': use e.g. 10s, 500ms,"
                + " 2m or 1h (see: kttcp4j loopback --help)"},
            {"--interval 1ms", "kttcp4j: --interval must be at least 10 ms (the timer's resolution), got 1 ms"
                + " (see: kttcp4j loopback --help)"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("loopback"));
            args.addAll(List.of(c[0].split(" ")));
            try (CliProcess p = CliProcess.kttcp4j(args.toArray(String[]::new))) {
                assertEquals(1, p.waitFor(30), c[0]);
                assertEquals(c[1], p.stderr().strip(), c[0]);
            }
        }
        try (CliProcess p = CliProcess.kttcp4j("send", "--port", "0", "127.0.0.1")) {
            assertEquals(1, p.waitFor(30));
            assertEquals("kttcp4j: Invalid value for option '--port': '0' is not a port to connect to: give the"
                    + " receiver's port, 1 to 65535 (see: kttcp4j send --help)", p.stderr().strip());
        }
        try (CliProcess p = CliProcess.kttcp4j("lookback")) {
            assertEquals(1, p.waitFor(30));
            assertEquals("kttcp4j: unknown command 'lookback' (did you mean loopback?): give a command (loopback, send,"
                    + " recv, abi, compare, report, plan, generate-completion), or -t to send to a host (see: kttcp4j --help)", p.stderr().strip());
        }
    }

    @Test
    void aServerClosesPeersOutsideAllowAndLogsThem() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--serve", "-e", "user", "-4", "--port", port(port),
                "--allow", "192.0.2.0/24,2001:db8::/32", "--max-bytes", "1m")) {
            rx.awaitOutput("listening on", 30);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--bytes", "64m")) {
                assertEquals(2, tx.waitFor(30), "the sender is cut off: " + tx.stderr());
            }
            rx.awaitOutput("not in --allow", 30);
            assertTrue(rx.stderr().matches("(?s).*kttcp4j: closed the connection from 127\\.0\\.0\\.1 port \\d+: not in"
                    + " --allow \\[192\\.0\\.2\\.0/24, 2001:db8::/32\\].*"), rx.stderr());
            assertEquals("", rx.stdout(), "a refused peer is never a run");
            ProcessHandle.of(rx.pid()).orElseThrow().destroy();
            assertEquals(143, rx.waitFor(20), rx.stderr());
        }
    }

    @Test
    void aServerCapsWhatOneRunMayBring() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--serve", "-e", "user", "-4", "--port", port(port),
                "--max-bytes", "8m", "--json")) {
            rx.awaitOutput("listening on", 30);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--bytes", "1g")) {
                assertEquals(2, tx.waitFor(60), "the server stops reading at its cap: " + tx.stderr());
            }
            rx.awaitOutput("\"stopped\" : \"--max-bytes 8388608 reached\"", 30);
            assertTrue(rx.stdout().contains("\"bytes\" : 8388608"), rx.stdout());
            assertTrue(rx.alive(), "and goes on serving");
        }
    }

    /** Starts a sender once the receiver says it listens. */
    static CliProcess startWhenListening(CliProcess rx, String... args) {
        rx.awaitOutput("listening on", 30);
        return CliProcess.kttcp4j(args);
    }
}
