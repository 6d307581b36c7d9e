package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.posix.Affinity;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** -A/--affinity on the command line (Linux host): each stream end pinned, and the header says where it ran. */
class AffinityCliTest {

    /** The first two CPUs this process may use (here 0 and 1); skips on a one-CPU host. */
    private static List<Integer> twoCpus() throws Exception {
        List<Integer> allowed = Affinity.allowed();
        assumeTrue(allowed.size() >= 2, "needs two CPUs, has " + allowed);
        return allowed.subList(0, 2);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void loopbackPinsTheSenderToTheFirstCpuAndTheReceiverToTheSecond() throws Exception {
        List<Integer> c = twoCpus();
        String list = c.get(0) + "," + c.get(1);
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-A", list, "--bytes", "64M")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            // a thread pinned to one CPU runs on that CPU only: "ran on" is the pinned one
            String expected = "affinity: stream 1 sender CPU " + c.get(0) + " (ran on " + c.get(0) + "), stream 1"
                    + " receiver CPU " + c.get(1) + " (ran on " + c.get(1) + ")";
            assertTrue(p.stdout().lines().anyMatch(expected::equals), p.stdout());
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-A", list, "--bytes", "64M", "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode ends = Json.parse(p.stdout()).at("/start/cpu_affinity");
            assertEquals(2, ends.size(), ends.toString());
            assertEquals("sender", ends.get(0).get("role").asText());
            assertEquals(c.get(0).intValue(), ends.get(0).get("cpu").asInt());
            assertEquals(c.get(0).intValue(), ends.get(0).get("ran_on").asInt());
            assertEquals("receiver", ends.get(1).get("role").asText());
            assertEquals(c.get(1).intValue(), ends.get(1).get("cpu").asInt());
            assertEquals(c.get(1).intValue(), ends.get(1).get("ran_on").asInt());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void sendPutsOneStreamOnEachCpuRoundRobin() throws Exception {
        List<Integer> c = twoCpus();
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--engine", "user", "--port", Integer.toString(port), "-4",
                "-P", "3", "-A", Integer.toString(c.get(1)))) {
            rx.awaitOutput("listening on 0.0.0.0 port " + port, 20);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                    Integer.toString(port), "-P", "3", "--bytes", "48m", "-A", c.get(0) + "," + c.get(1), "--json")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                JsonNode ends = Json.parse(tx.stdout()).at("/start/cpu_affinity");
                assertEquals(3, ends.size(), ends.toString());
                int[] expected = {c.get(0), c.get(1), c.get(0)}; // streams 1, 2, 3 over the list, round-robin
                for (int i = 0; i < 3; i++) {
                    assertEquals(i + 1, ends.get(i).get("socket").asInt(), ends.toString());
                    assertEquals(expected[i], ends.get(i).get("cpu").asInt(), ends.toString());
                    assertEquals(expected[i], ends.get(i).get("ran_on").asInt(), ends.toString());
                }
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            String want = "affinity: stream 1 receiver CPU " + c.get(1) + " (ran on " + c.get(1) + "), stream 2"
                    + " receiver CPU " + c.get(1);
            assertTrue(rx.stdout().contains(want), rx.stdout());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void badListsExitOneWithOneLine() throws Exception {
        assertBad("x", "-A takes CPU numbers separated by commas, e.g. -A 0,1; got 'x'");
        assertBad("", "-A takes CPU numbers separated by commas, e.g. -A 0,1; got ''");
        assertBad("0,,1", "-A takes CPU numbers separated by commas, e.g. -A 0,1; got '0,,1'");
        List<Integer> allowed = Affinity.allowed();
        assumeTrue(!allowed.contains(99), "CPU 99 is usable here");
        assertBad("99", "-A: CPU 99 is not one this process may use (allowed: " + Affinity.ranges(allowed) + ")");
        assertBad("5000", "-A takes CPU numbers from 0 to 1023, got 5000");
    }

    /** The allowed set is this process's own (taskset, a cgroup's cpuset), not the machine's. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aCpuOutsideTheProcesssSetIsRefusedBeforeTheRun() throws Exception {
        List<Integer> c = twoCpus();
        assumeTrue(CliProcess.which("taskset") != null, "no taskset");
        List<String> cmd = new java.util.ArrayList<>(List.of("taskset", "-c", c.get(0).toString(),
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.kttcp4j.cli.Main", "loopback", "-A",
                c.get(0) + "," + c.get(1), "--bytes", "1m"));
        try (CliProcess p = CliProcess.start(cmd, null)) {
            assertEquals(1, p.waitFor(60), p.stderr());
            String err = p.stderr().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("-A: CPU " + c.get(1) + " is not one this process may use (allowed: " + c.get(0)
                    + ")"), err);
        }
    }

    private static void assertBad(String list, String message) {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "-A", list, "--bytes", "1m")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            String err = p.stderr().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(message), err);
        }
    }
}
