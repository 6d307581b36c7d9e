package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics compare relies on, against figures worked out by hand. */
class ComparisonTest {
    @Test
    void smallestExactPValueIsTwoOverTheArrangements() {
        assertEquals(2.0 / 20, Comparison.smallestP(3, 3), 1e-12);   // C(6,3) = 20
        assertEquals(2.0 / 70, Comparison.smallestP(4, 4), 1e-12);   // C(8,4) = 70
        assertEquals(2.0 / 252, Comparison.smallestP(5, 5), 1e-12);  // C(10,5) = 252
        assertEquals(2.0 / 56, Comparison.smallestP(3, 5), 1e-12);   // C(8,3) = 56
        assertEquals(1.0, Comparison.smallestP(1, 1), 1e-12);
    }

    /** Complete separation of 4 against 4: the library's exact p is the smallest one, 2/70. */
    @Test
    void separatedRepeatsReachTheSmallestP() {
        List<String> notes = new ArrayList<>();
        RunKey k = new RunKey("kttcp4j", "loopback", "nio", "nio", "host", 0, 1, false);
        Comparison.Row r = Comparison.row(k, k, new double[] {10, 11, 12, 13}, new double[] {5, 6, 7, 8},
                Metric.GBITS, 5, notes);
        assertEquals(2.0 / 70, r.p(), 1e-9);
        assertEquals(Comparison.Verdict.WORSE, r.verdict());
        assertEquals(-5 / 11.5 * 100, r.change(), 1e-9);  // medians 11.5 -> 6.5
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void mediansAndDirections() {
        assertEquals(2.5, Comparison.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(3, Comparison.median(new double[] {5, 3, 1}), 0);
        assertEquals(10, Metric.GBITS.worsePercent(10, 9), 1e-9);
        assertEquals(-10, Metric.CPU.worsePercent(10, 9), 1e-9);
    }

    @Test
    void keysLabelWhatDefinesARun() {
        assertEquals("splice loopback, sockbuf 64 KiB, 2 streams, reverse",
                new RunKey("kttcp4j", "loopback", "splice", "splice", "host", 65536, 2, true).label());
        assertEquals("kttcp/user send (rump kernel)",
                new RunKey("kttcp4j", "send", "kttcp", "user", "rump", 0, 1, false).label());
        assertEquals("splice loopback, sockbuf 100000 bytes",
                new RunKey("kttcp4j", "loopback", "splice", "splice", "host", 100_000, 1, false).label());
    }
}
