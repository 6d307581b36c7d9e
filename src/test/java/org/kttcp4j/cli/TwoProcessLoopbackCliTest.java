package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * `kttcp4j loopback` runs its receiving end in a child JVM: each end reports its own process's CPU, the child is
 * gone on every way out (the end, a killed child, SIGTERM to the parent, a killed parent), and --one-process keeps
 * both ends in one JVM. Real processes over 127.0.0.1; every process started here is stopped by its PID.
 */
class TwoProcessLoopbackCliTest {
    /** The child is started with this JVM's java binary: skipped where the JDK cannot say what it is. */
    private static void assumeJavaKnown() {
        assumeTrue(ProcessHandle.current().info().command().isPresent(), "the JVM's command is not known here");
    }

    private static double cpu(JsonNode side) {
        return side.get("cpu_user_seconds").asDouble() + side.get("cpu_system_seconds").asDouble();
    }

    @Test
    void loopbackRunsTheReceiverInAChildProcessAndEachEndReportsItsOwnCpu() {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--bytes", "256M", "--json")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            JsonNode run = Json.stdout(p).at("/end/kttcp4j_run");
            assertEquals(2, run.get("processes").asInt(), run.toString());
            assertEquals("both ends (two processes)", run.get("cpu_covers").asText());
            long child = run.get("receiver_pid").asLong();
            assertTrue(child > 0 && child != p.pid(), "the receiver's PID is another process's: " + child);
            JsonNode ends = Json.stdout(p).at("/end/kttcp4j");
            JsonNode sender = ends.get(0);
            JsonNode receiver = ends.get(1);
            assertEquals("sender", sender.get("role").asText());
            assertEquals("receiver", receiver.get("role").asText());
            assertEquals(256L << 20, receiver.get("bytes").asLong());
            assertTrue(cpu(sender) > 0 && cpu(receiver) > 0, "each end's CPU: " + ends);
            assertNotEquals(cpu(sender), cpu(receiver), "each end's own process's CPU, not one figure twice: " + ends);
            double both = run.get("cpu_user_seconds").asDouble() + run.get("cpu_system_seconds").asDouble();
            assertTrue(both >= Math.max(cpu(sender), cpu(receiver)), "the run's CPU covers both: " + run);
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
                    "the receiving process ended with the run");
        }
    }

    @Test
    void oneProcessKeepsBothEndsInThisJvm() {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--one-process", "--time", "3s", "--interval", "250ms")) {
            p.awaitOutput("[  1]", 60); // sending: the child would have been started by now
            List<ProcessHandle> children = ProcessHandle.of(p.pid()).orElseThrow().children().toList();
            assertEquals(List.of(), children, "no child process with --one-process");
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().contains("kernel host, one process"), p.stdout());
            assertTrue(p.stdout().contains("(CPU figures are the whole process's"), p.stdout());
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--one-process", "--bytes", "64M", "--json")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            JsonNode run = Json.stdout(p).at("/end/kttcp4j_run");
            assertEquals(1, run.get("processes").asInt());
            assertEquals("this process: both ends", run.get("cpu_covers").asText());
            assertTrue(run.path("receiver_pid").isMissingNode(), run.toString());
        }
    }

    @Test
    void aRepeatedSeriesWithTwoStreamsRunsInOneChild() {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--repeat", "3", "--parallel", "2", "--bytes", "64M")) {
            assertEquals(0, p.waitFor(180), p.stderr());
            String out = p.stdout();
            for (int i = 1; i <= 3; i++) {
                assertTrue(out.contains("run " + i + "/3: received 67108864 bytes"), out);
            }
            assertEquals(3, out.split("CPU of both ends \\(two processes\\)", -1).length - 1, out);
            assertTrue(out.contains("3 runs: Gbit/s min"), out);
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--parallel", "2", "--bytes", "64M")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            String out = p.stdout();
            assertTrue(out.contains("receiver [SUM] 67108864 bytes"), out);
            assertTrue(out.contains("receiver [1] ") && out.contains("receiver [2] "), out);
            assertTrue(out.contains("(CPU figures are each end's own process's: an end's streams share it"), out);
        }
    }

    @Test
    void aReceivingProcessKilledMidRunEndsTheRunWithExit2AndSaysSo() {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "30s", "--interval", "100ms")) {
            p.awaitOutput("[  1]", 60); // connected and sending
            ProcessHandle child = onlyChild(p);
            child.destroyForcibly(); // kill -9
            assertEquals(2, p.waitFor(60), p.stderr());
            String err = p.stderr();
            assertTrue(err.contains("the receiving process (PID " + child.pid() + ") exited with status 137 (killed by"
                    + " signal 9) during the run"), err);
            Matcher m = Pattern.compile("sender    (\\d+) bytes in").matcher(p.stdout());
            assertTrue(m.find(), p.stdout());
            assertTrue(Long.parseLong(m.group(1)) > 0, "the sender's partial count: " + p.stdout());
            assertTrue(p.stdout().contains("[ended by error: the receiving process (PID " + child.pid()), p.stdout());
        }
    }

    @Test
    void sigtermToTheParentLeavesNoChild() throws Exception {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "30s", "--interval", "100ms")) {
            p.awaitOutput("[  1]", 60);
            ProcessHandle child = onlyChild(p);
            ProcessHandle.of(p.pid()).orElseThrow().destroy(); // SIGTERM to the parent only
            assertEquals(143, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("stopped by SIGTERM"), p.stderr());
            assertGone(child);
        }
    }

    @Test
    void aKilledParentsChildExitsByItself() throws Exception {
        assumeJavaKnown();
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-e", "user", "--time", "30s", "--interval", "100ms")) {
            p.awaitOutput("[  1]", 60);
            ProcessHandle child = onlyChild(p);
            try {
                ProcessHandle.of(p.pid()).orElseThrow().destroyForcibly(); // kill -9: nothing of the parent runs
                p.waitFor(30);
                assertGone(child);
            } finally {
                child.destroyForcibly(); // stopped by its PID whatever happened
            }
        }
    }

    private static ProcessHandle onlyChild(CliProcess p) {
        List<ProcessHandle> children = ProcessHandle.of(p.pid()).orElseThrow().children().toList();
        assertEquals(1, children.size(), "one child process: " + children);
        assertTrue(children.get(0).info().commandLine().orElse("").contains("org.kttcp4j.run.ChildEnd"),
                "the child runs ChildEnd: " + children.get(0).info().commandLine());
        return children.get(0);
    }

    private static void assertGone(ProcessHandle h) throws Exception {
        try {
            h.onExit().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            h.destroyForcibly();
            throw new AssertionError("process " + h.pid() + " still runs 15 s after its parent ended");
        }
    }
}
