package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/** ci/netns.sh itself: idempotent, leaves nothing behind, touches nothing outside its namespaces. */
@Tag("netns")
class NetnsScriptTest {

    private static NetnsLab.Result script(String prefix, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(NetnsLab.SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return NetnsLab.exec(60, cmd, Map.of("K4J_NETNS", prefix));
    }

    @Test
    void upTwiceThenDownTwiceLeavesNothing() {
        NetnsLab.assumeAvailable();
        String prefix = NetnsLab.uniquePrefix();
        try {
            NetnsLab.Result first = script(prefix, "up");
            assertEquals(0, first.status(), first.toString());
            NetnsLab.Result again = script(prefix, "up");
            assertEquals(0, again.status(), again.toString());
            assertEquals(first.out(), again.out(), "the same addresses again");
            assertEquals(List.of(prefix + "-a", prefix + "-b"), NetnsLab.namespaces(prefix).stream().sorted().toList());
            assertTrue(first.out().contains("K4J_ADDR_A=198.18.0.1\n"), first.out());
            assertTrue(first.out().contains("K4J_ADDR_B=198.18.0.2\n"), first.out());
            String root = NetnsLab.exec(10, List.of("ip", "-4", "-o", "addr", "show"), Map.of()).out();
            assertFalse(root.contains("198.18."), "the machine's own namespace got no benchmark address: " + root);
        } finally {
            assertEquals(0, script(prefix, "down").status());
        }
        assertEquals(List.of(), NetnsLab.namespaces(prefix));
        NetnsLab.Result idle = script(prefix, "down");
        assertEquals(0, idle.status(), "down with nothing up is fine: " + idle);
    }

    @Test
    void aFailingUpRemovesWhatItMadeAndSaysWhy() {
        NetnsLab.assumeAvailable();
        String prefix = NetnsLab.uniquePrefix();
        // tc rejects the burst after the namespaces and the veth exist: the trap must remove them
        NetnsLab.Result r = script(prefix, "up", "--rate", "1gbit", "--burst", "lots");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("up failed, removing what it made"), r.err());
        assertEquals(List.of(), NetnsLab.namespaces(prefix));
    }

    @Test
    void badInputIsOneLineNamingTheFix() {
        NetnsLab.assumeAvailable();
        String prefix = NetnsLab.uniquePrefix();
        for (String[] args : new String[][] {{"up", "--rate", "fast"}, {"up", "--speed", "1gbit"}, {"sideways"},
                {"exec", "Q", "true"}}) {
            NetnsLab.Result r = script(prefix, args);
            assertEquals(1, r.status(), String.join(" ", args) + ": " + r);
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("ci/netns.sh: "), r.err());
        }
        NetnsLab.Result r = NetnsLab.exec(10, List.of(NetnsLab.SCRIPT.toString(), "env"), Map.of("K4J_NETNS", "no/slash"));
        assertEquals(1, r.status(), r.toString());
        assertEquals(List.of(), NetnsLab.namespaces(prefix));
    }

    /** A lab of its own, which the test takes down itself (the extension's down after it finds nothing left). */
    @Test
    @WithNetnsLab
    void downStopsWhatWasLeftRunningInside(NetnsLab lab) {
        CliProcess sleeper = lab.spawn("B", "sleep", "300");
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (NetnsLab.exec(10, List.of("ip", "netns", "pids", lab.ns("B")), Map.of()).out().isBlank()) {
                assertTrue(System.nanoTime() < end, "sleep did not start inside " + lab.ns("B") + ": " + sleeper.stderr());
                pause();
            }
            NetnsLab.Result down = lab.script("down");
            assertEquals(0, down.status(), down.toString());
            assertTrue(down.err().contains("stopping processes left in " + lab.ns("B")), down.err());
            assertEquals(List.of(), NetnsLab.namespaces(lab.prefix()));
            assertEquals(-1, waitGone(sleeper), "the process inside was stopped");
        } finally {
            sleeper.close();
        }
    }

    private static int waitGone(CliProcess p) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.alive() && System.nanoTime() < end) {
            pause();
        }
        return p.alive() ? 0 : -1;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
