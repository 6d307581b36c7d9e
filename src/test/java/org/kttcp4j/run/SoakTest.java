package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.Descriptors;

/**
 * Several hundred runs in one JVM, as a long --repeat or a library user's loop makes them: descriptors, threads
 * and heap stay flat. (bench/soak.sh runs 5,000 through the CLI and prints the same figures.)
 */
class SoakTest {
    @Test
    void threeHundredRunsLeaveDescriptorsThreadsAndHeapFlat() throws Exception {
        Run warm = Run.loopback().engine("user").bytes(64 << 10).repeat(20).build();
        warm.execute(RunListener.NONE);
        int fds0 = Descriptors.count();
        int threads0 = Thread.activeCount();
        long heap0 = usedHeap();
        Results r = Run.loopback().engine("user").bytes(64 << 10).repeat(300).build().execute(RunListener.NONE);
        assertEquals(300, r.runs().size());
        assertTrue(!r.failed(), String.valueOf(r.error()));
        assertEquals(300, r.summary().get(0).runs());
        // none left open; fewer is another thread of the test JVM closing its own (a clean clone's run once went
        // from 59 to 52 here), as Descriptors.settle says
        Descriptors.assertNoneLeaked(fds0);
        for (int i = 0; i < 50 && Thread.activeCount() > threads0 + 2; i++) {
            Thread.sleep(20); // stream threads of the last run are finishing
        }
        assertTrue(Thread.activeCount() <= threads0 + 2, "threads: " + threads0 + " -> " + Thread.activeCount());
        long heap = usedHeap();
        assertTrue(heap - heap0 < 16L << 20, "heap grew by " + (heap - heap0) / 1024 + " KiB over 300 runs");
    }

    static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
