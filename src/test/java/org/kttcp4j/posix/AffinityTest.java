package org.kttcp4j.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.abi.Abi;

/** Pinning the calling thread really restricts it, as the kernel reports it back. */
class AffinityTest {
    /** Runs on a new thread, so the test's own thread (and the JVM's others) stay unpinned. */
    private static <T> T onOwnThread(java.util.concurrent.Callable<T> body) throws Exception {
        FutureTask<T> t = new FutureTask<>(body);
        Thread th = new Thread(t, "affinity-test");
        th.setDaemon(true);
        th.start();
        return t.get(30, TimeUnit.SECONDS);
    }

    /** The kernel's own view of the calling thread: /proc/thread-self/status, "Cpus_allowed_list:\t0-1". */
    private static String cpusAllowedList() throws Exception {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).strip();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void pinningRestrictsTheCallingThreadToThatCpuOnly() throws Exception {
        List<Integer> allowed = Affinity.allowed();
        assertFalse(allowed.isEmpty());
        assertEquals(cpusAllowedList(), Affinity.ranges(allowed), "sched_getaffinity agrees with /proc");
        for (int cpu : allowed) {
            Object[] seen = onOwnThread(() -> {
                Affinity.pin(cpu);
                // spin a little so the scheduler has had the chance to move the thread
                long until = System.nanoTime() + 20_000_000L;
                long x = 0;
                while (System.nanoTime() < until) {
                    x++;
                }
                return new Object[] {cpusAllowedList(), Affinity.allowed(), Affinity.current(), x};
            });
            assertEquals(Integer.toString(cpu), seen[0], "the kernel's Cpus_allowed_list after pinning to " + cpu);
            assertEquals(List.of(cpu), seen[1]);
            assertEquals(OptionalInt.of(cpu), seen[2], "sched_getcpu of a thread pinned to " + cpu);
        }
        // the pinning was that thread's alone
        assertEquals(Affinity.ranges(allowed), cpusAllowedList());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aCpuTheProcessMayNotUseIsRefusedWithEinval() throws Exception {
        List<Integer> allowed = Affinity.allowed();
        int outside = 1023;
        assumeTrue(!allowed.contains(outside), "CPU 1023 is usable here");
        ErrnoException e = onOwnThread(() -> assertThrows(ErrnoException.class, () -> Affinity.pin(outside)));
        assertEquals("EINVAL", e.errnoName(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Affinity.pin(1024));
        assertThrows(IllegalArgumentException.class, () -> Affinity.pin(-1));
    }

    /** The numbers the binding uses, as the abi tables give them with their sources. */
    @Test
    void theAbiNumbersArePinned() {
        assertEquals(1024, Abi.LINUX_CPU_SETSIZE);
        assertEquals(128, Abi.LINUX_CPU_SET_BYTES);
        assertEquals(32, Abi.NETBSD_CPUSET_WORD_BITS);
        assertEquals(3, Abi.linux().errno().require("ESRCH"));
        assertEquals(3, Abi.netbsd().errno().require("ESRCH"));
        assertEquals(1, Abi.netbsd().errno().require("EPERM"));
    }

    @Test
    void rangesPrintsCpuListsAsLinuxDoes() {
        assertEquals("0", Affinity.ranges(List.of(0)));
        assertEquals("0-3,6,8-9", Affinity.ranges(List.of(0, 1, 2, 3, 6, 8, 9)));
        assertEquals("1,3", Affinity.ranges(List.of(1, 3)));
        assertEquals("", Affinity.ranges(List.of()));
    }

    /**
     * NetBSD: root pins (pthread_setaffinity_np) and reads the set back; a user without the privilege gets EPERM
     * under secmodel_suser (docs/netbsd.md, "CPU affinity"). The VMs (vagrant/) run it; elsewhere it is skipped.
     */
    @Test
    @Tag("netbsd")
    @EnabledIfSystemProperty(named = "os.name", matches = "NetBSD", disabledReason = "needs NetBSD (run: ci/netbsd-vm.sh)")
    void pinsOnNetBsd() throws Exception {
        assertTrue(Affinity.supported());
        List<Integer> allowed = Affinity.allowed();
        assertEquals(Runtime.getRuntime().availableProcessors(), allowed.size(), "an unpinned thread may use every CPU");
        boolean root = "root".equals(System.getProperty("user.name"));
        int cpu = allowed.get(allowed.size() - 1);
        Object seen = onOwnThread(() -> {
            try {
                Affinity.pin(cpu);
                return Affinity.allowed();
            } catch (ErrnoException e) {
                return e;
            }
        });
        if (root) {
            assertEquals(List.of(cpu), seen, "the thread's set read back with pthread_getaffinity_np");
        } else {
            assertTrue(seen instanceof ErrnoException, String.valueOf(seen));
            assertEquals("EPERM", ((ErrnoException) seen).errnoName(), String.valueOf(seen));
        }
        assertEquals(OptionalInt.empty(), Affinity.current(), "NetBSD has no sched_getcpu");
        ErrnoException e = onOwnThread(() -> assertThrows(ErrnoException.class, () -> Affinity.pin(allowed.size())));
        assertEquals("EINVAL", e.errnoName(), "a CPU the machine lacks is refused before the kernel would unpin");
    }
}
