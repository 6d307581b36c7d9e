package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kttcp4j.engine.Progress;

class IntervalMeterTest {
    @Test
    void intervalsAddUpToWhatTheStreamsMoved() throws Exception {
        List<Interval> live = new CopyOnWriteArrayList<>();
        RunListener l = new RunListener() {
            @Override
            public void interval(Interval in) {
                live.add(in);
            }
        };
        IntervalMeter m = new IntervalMeter(2, Duration.ofMillis(50), null, l, new Control(), "");
        m.start();
        Progress a = m.stream(0);
        Progress b = m.stream(1);
        long total = 0;
        // bounded by count: at least 150 ms of 1 ms steps, whatever the machine's load
        long end = System.nanoTime() + 300_000_000L;
        for (int i = 0; i < 10_000 && (System.nanoTime() < end || i < 150); i++) {
            a.moved(1000);
            b.moved(10);
            total += 1010;
            Thread.sleep(1);
        }
        List<Interval> all = m.stop();
        assertTrue(all.size() >= 2, "intervals of 50 ms over at least 150 ms: " + all.size());
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
        IntervalMeter m = new IntervalMeter(1, null, null, RunListener.NONE, new Control(), "");
        m.start();
        m.stream(0).moved(42);
        assertEquals(List.of(), m.stop());
        assertEquals(42, m.totals()[0]);
    }

    @Test
    void aStreamThatMovesNothingFailsTheRunWithTheHint() throws Exception {
        Control c = new Control();
        IntervalMeter m = new IntervalMeter(2, null, Duration.ofMillis(600), RunListener.NONE, c, "the likely cause");
        m.start();
        m.finished(1); // an ended stream is not watched
        for (int i = 0; i < 100 && !c.ended(); i++) {
            Thread.sleep(50);
        }
        m.stop();
        assertTrue(c.ended(), "ended within 5 s");
        assertNull(c.stopped());
        assertEquals("stream 1 moved no data for 600 ms: the likely cause (--idle-timeout sets the wait)", c.failure());
    }

    @Test
    void aStreamThatMovesIsNotStalled() throws Exception {
        Control c = new Control();
        IntervalMeter m = new IntervalMeter(1, null, Duration.ofMillis(600), RunListener.NONE, c, "");
        m.start();
        for (int i = 0; i < 30; i++) {
            m.stream(0).moved(1);
            Thread.sleep(50);
        }
        m.stop();
        assertTrue(!c.ended(), "1.5 s of steady progress is no stall: " + c.failure());
    }
}
