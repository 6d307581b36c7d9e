package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void minMedianMaxAndSampleStandardDeviation() {
        Stats s = Stats.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(1.0, s.min());
        assertEquals(2.5, s.median());
        assertEquals(4.0, s.max());
        assertEquals(Math.sqrt(5.0 / 3.0), s.stddev(), 1e-12); // sample (n-1) deviation, as iperf users compute it
        Stats odd = Stats.of(List.of(9.0, 1.0, 5.0));
        assertEquals(5.0, odd.median());
        assertEquals(0.0, Stats.of(List.of(7.0)).stddev());
    }
}
