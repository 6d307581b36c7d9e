package org.kttcp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.engine.Progress;

class IntervalMeterTest {
    @Test
    void intervalsAddUpToWhatTheStreamsMoved() throws Exception {
        List<Interval> live = new ArrayList<>();
        IntervalMeter m = new IntervalMeter(2, 50_000_000L, live::add, null);
        m.start();
        Progress a = m.stream(0);
        Progress b = m.stream(1);
        long total = 0;
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            a.moved(1000);
            b.moved(10);
            total += 1010;
            Thread.sleep(1);
        }
        List<Interval> all = m.stop();
        assertTrue(all.size() >= 4, "about 6 intervals of 50 ms in 300 ms: " + all.size());
        assertEquals(total, all.stream().mapToLong(Interval::bytes).sum());
        assertEquals(all, live, "each interval was told as it closed");
        for (int i = 1; i < all.size(); i++) {
            assertEquals(all.get(i - 1).end(), all.get(i).start(), 1e-9, "intervals are contiguous");
        }
        assertEquals(100 * all.stream().mapToLong(in -> in.streamBytes()[1]).sum(),
                all.stream().mapToLong(in -> in.streamBytes()[0]).sum(), "per-stream counts are kept apart");
    }

    @Test
    void withoutIntervalsItOnlyCounts() {
        IntervalMeter m = IntervalMeter.none(1);
        m.start();
        m.stream(0).moved(42);
        assertEquals(List.of(), m.stop());
        assertEquals(42, m.totals()[0]);
    }
}
