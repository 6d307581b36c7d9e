package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.testing.CliProcess;

/**
 * Issue 22's run semantics, each provoked as a user did, with real processes on 127.0.0.1: a sender queued
 * behind a busy server, a receiver stopped (SIGSTOP) under a timed sender, a timed receiver whose sender is
 * killed or stopped, SIGTERM to a two-process loopback's process group, and a server's idle one-byte client.
 * Each asserts what the user checks: the exit code, the line that says why, and that no figure claims more.
 */
@EnabledOnOs(OS.LINUX) // kill -STOP/-CONT and setsid
class RunSemanticsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String port(int p) {
        return Integer.toString(p);
    }

    /** Item 1 and 13: a sender that comes while the server is busy fails at once, saying so; the idle client is one line. */
    @Test
    void aSenderThatComesWhileTheServerIsBusyFailsSayingSoAndTheIdleOneByteClientIsNoRun() throws Exception {
        int port = CliProcess.freePort();
        // the idle timeout outlasts a sender JVM's start on a loaded machine, so the sender comes while it is held
        try (CliProcess server = CliProcess.kttcp4j("recv", "--serve", "-e", "user", "-4", "--port", port(port),
                "--idle-timeout", "15s", "-q")) {
            server.awaitOutput("listening on", 60);
            try (Socket idle = new Socket()) {
                idle.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                OutputStream o = idle.getOutputStream();
                o.write('x'); // one byte, then nothing: it holds the server until --idle-timeout
                o.flush();
                try (CliProcess queued = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                        "--time", "2s", "--json")) {
                    assertEquals(2, queued.waitFor(60), queued.stderr());
                    assertTrue(queued.stderr().contains("busy with another sender (recv --serve takes one run at a"
                            + " time: try again)"), queued.stderr());
                    JsonNode end = JSON.readTree(queued.stdout()).at("/end/kttcp4j/0");
                    assertTrue(end.get("partial").asBoolean(), "no figure of a wait, exit 0: " + end);
                }
                server.awaitOutput("moved no data for 15 s", 60); // the idle client, ended by --idle-timeout
            }
            String err = server.stderr();
            assertTrue(err.matches("(?s).*kttcp4j: closed the connection from 127\\.0\\.0\\.1 port \\d+: busy with a run"
                    + " from 127\\.0\\.0\\.1 port \\d+ \\(recv --serve takes one run at a time.*"), err);
            assertTrue(err.matches("(?s).*kttcp4j: closed the connection from 127\\.0\\.0\\.1 port \\d+: stream 1 moved no"
                    + " data for 15 s.*"), err);
            assertEquals("", server.stdout(), "the idle one-byte client is a line on stderr, never a run");
            // the server is free again: a sender that comes now is served, and both ends say the same bytes
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--bytes", "8m", "-q")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
            }
            server.awaitOutput("receiver  8388608 bytes", 60);
        }
    }

    /** Item 2: --time bounds a sender whose receiver is stopped: it ends at its time plus the grace, partial. */
    @Test
    void aTimedSenderWhoseReceiverIsStoppedEndsAtItsTimePlusTheGraceMarkedPartial() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "-q")) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--time", "3s", "--interval", "200ms")) {
                tx.awaitOutput("[  1]", 60); // sending
                signal("STOP", rx.pid());
                try {
                    // the idle timeout (20 s by default) used to end it ("moved no data"); --time 3 s and the 2 s grace
                    // end it now, and say so
                    assertEquals(2, tx.waitFor(60), tx.stderr());
                    assertFalse(tx.stderr().contains("moved no data"), tx.stderr());
                    assertTrue(tx.stderr().contains("the receiver stopped reading: a write was still blocked 2 s after"
                            + " --time 3 s ended (the grace): it stalled or was stopped"), tx.stderr());
                    assertTrue(tx.stdout().contains("[ended by error: the receiver stopped reading"), tx.stdout());
                } finally {
                    signal("CONT", rx.pid());
                }
            }
        }
    }

    /** Item 3: a receiver given --time says that its sender died (killed -9 part way) and exits 2. */
    @Test
    void aTimedReceiverWhoseSenderIsKilledSaysItEndedEarlyAndExits2() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--time", "6s",
                "--json")) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--time", "6s", "--interval", "100ms")) {
                tx.awaitOutput("[  1]", 60);
                Thread.sleep(500);
                ProcessHandle.of(tx.pid()).orElseThrow().destroyForcibly();
                assertEquals(2, rx.waitFor(60), rx.stderr());
                JsonNode end = JSON.readTree(rx.stdout()).at("/end/kttcp4j/0");
                assertTrue(end.get("partial").asBoolean(), end.toString());
                String why = end.get("error").asText();
                assertTrue(why.startsWith("the sender ended its stream after ") && why.endsWith(" of --time 6 s: it"
                        + " died or was stopped, or runs with a shorter --time (give both ends the same)"), why);
                assertTrue(rx.stderr().contains("kttcp4j: receiver failed: the sender ended its stream"), rx.stderr());
            }
        }
    }

    /** Item 3: a receiver given --time whose sender is stopped (SIGSTOP) ends at the time plus the grace, exit 2. */
    @Test
    void aTimedReceiverWhoseSenderIsStoppedEndsAtItsTimePlusTheGraceAndExits2() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--time", "3s",
                "-q")) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--time", "3s", "--interval", "100ms")) {
                tx.awaitOutput("[  1]", 60);
                signal("STOP", tx.pid());
                try {
                    assertEquals(2, rx.waitFor(60), rx.stderr());
                    assertTrue(rx.stderr().contains("the sender had not ended its stream 2 s after --time 3 s (the"
                            + " grace): it stalled or was stopped"), rx.stderr());
                    assertTrue(rx.stdout().contains("[ended by error: the sender had not ended its stream"),
                            rx.stdout());
                } finally {
                    signal("CONT", tx.pid());
                }
            }
        }
    }

    /**
     * Item 8: SIGTERM to the process group (what timeout(1), systemd and CI runners send) reaches the loopback's
     * child too; the child lets its parent stop it, and both ends are reported, as two processes.
     */
    @Test
    void sigtermToTheProcessGroupOfATwoProcessLoopbackReportsBothEnds() throws Exception {
        Assumptions.assumeTrue(CliProcess.which("setsid") != null, "setsid (util-linux) is not installed");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("kttcp4j-group", ".json");
        List<String> cmd = new ArrayList<>(List.of("setsid", javaBin(), "-cp", System.getProperty("java.class.path"),
                "org.kttcp4j.cli.Main", "loopback", "-e", "user", "--time", "30s", "--interval", "100ms", "--output",
                file.toString()));
        try (CliProcess p = CliProcess.start(cmd, null)) {
            p.awaitOutput("[  1]", 60); // both ends up (the receiver in its own process) and sending
            awaitChild(p);
            // the process group setsid made: this JVM's own group is not signalled
            Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).start();
            assertEquals(0, kill.waitFor(), "kill -TERM -PGID");
            assertEquals(143, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().matches("(?s).*receiver  \\d+ bytes in .* \\[stopped by SIGTERM after \\d+ bytes\\].*"),
                    p.stdout());
            JsonNode doc = JSON.readTree(java.nio.file.Files.readString(file));
            JsonNode ends = doc.at("/end/kttcp4j");
            assertEquals(2, ends.size(), "both ends reported: " + ends);
            for (JsonNode end : ends) {
                assertEquals("SIGTERM", end.get("stopped").asText(), end.toString());
                assertTrue(end.get("error").isNull(), end.toString());
                assertTrue(end.get("bytes").asLong() > 0, end.toString());
            }
            assertEquals(2, doc.at("/end/kttcp4j_run/processes").asInt(), doc.at("/end/kttcp4j_run").toString());
            assertEquals("both ends (two processes)", doc.at("/end/kttcp4j_run/cpu_covers").asText());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** Item 8: a child killed by -9 leaves the run labelled as what it was: two processes. */
    @Test
    void aChildKilledByNineStillMakesATwoProcessRun() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "30s", "--interval", "100ms")) {
            p.awaitOutput("[  1]", 60);
            ProcessHandle child = awaitChild(p);
            child.destroyForcibly();
            assertEquals(2, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().contains(", two processes (receiver PID " + child.pid() + ")"), p.stdout());
            assertFalse(p.stdout().contains("one process"), p.stdout());
            assertTrue(p.stdout().contains("the receiving process did not report"), p.stdout());
        }
    }

    /** Item 12: a sender with more streams than its receiver names the likely cause, as the receiver does. */
    @Test
    void aSenderWithMoreStreamsThanItsReceiverNamesTheLikelyCause() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-e", "user", "-4", "--port", port(port), "--bytes", "64m",
                "-q")) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", port(port),
                    "--parallel", "2", "--bytes", "128m", "--idle-timeout", "3s", "-q")) {
                assertEquals(2, tx.waitFor(60), tx.stderr());
                assertTrue(tx.stderr().contains("runs with another --parallel, --bidir or --reverse (give both ends the"
                        + " same)"), tx.stderr());
            }
        }
    }

    private static ProcessHandle awaitChild(CliProcess p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            List<ProcessHandle> children = ProcessHandle.of(p.pid()).orElseThrow().descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains("org.kttcp4j.run.ChildEnd")).toList();
            if (!children.isEmpty()) {
                return children.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no child process: " + p.stderr());
    }

    static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }

    static String javaBin() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
