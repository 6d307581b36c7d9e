package org.kttcp4j.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The line's formula against docs/nic.md's worked examples, and --line-rate's forms. */
class LineTest {
    static final long TEN_G = 10_000_000_000L;

    @Test
    void tenGigabitEthernetAtMtu1500WithTimestampsCarries1448Of1538Bytes() {
        Line l = Line.of(TEN_G, 1500, OptionalLong.empty(), true, false, Line.Framing.ETHERNET);
        assertEquals(1448, l.payload());
        assertEquals(1538, l.wireBytes());
        assertEquals(9.415, l.gbits(), 0.0005);
        assertEquals("9.415 Gbit/s at MTU 1500", l.describe());
        assertEquals(99.7, l.percent(9.39e9), 0.05, "the issue's 9.39 Gbit/s is 99.7 % of it");
    }

    @Test
    void withoutTimestamps1460Of1538() {
        Line l = Line.of(TEN_G, 1500, OptionalLong.empty(), false, false, Line.Framing.ETHERNET);
        assertEquals(1460, l.payload());
        assertEquals(9.493, l.gbits(), 0.0005);
    }

    @Test
    void aTbfShapedGigabitVethCounts1514BytesPerFrame() {
        Line l = Line.of(1_000_000_000L, 1500, OptionalLong.of(1448), true, false, Line.Framing.L2);
        assertEquals(1514, l.wireBytes());
        assertEquals(0.9564, l.gbits(), 0.00005);
    }

    @Test
    void jumboFramesAndIpv6AndAClampedMss() {
        Line jumbo = Line.of(TEN_G, 9000, OptionalLong.empty(), true, false, Line.Framing.ETHERNET);
        assertEquals(8948, jumbo.payload());
        assertEquals(TEN_G * 8948.0 / 9038, jumbo.bitsPerSecond(), 1);
        Line v6 = Line.of(TEN_G, 1500, OptionalLong.empty(), true, true, Line.Framing.ETHERNET);
        assertEquals(1428, v6.payload(), "40 bytes of IPv6 header");
        // -M 1000: the segments are smaller than the MTU allows, and so are the frames
        Line clamped = Line.of(TEN_G, 1500, OptionalLong.of(1000), true, false, Line.Framing.ETHERNET);
        assertEquals(1000, clamped.payload());
        assertEquals(1000 + 52 + 38, clamped.wireBytes());
        // an MSS larger than the MTU leaves (a peer's offer) is cut to what fits
        assertEquals(1448, Line.of(TEN_G, 1500, OptionalLong.of(65483), true, false, Line.Framing.ETHERNET).payload());
    }

    @Test
    void ratesReadAsPeopleWriteThem() {
        assertEquals("9.415 Gbit/s", Line.rate(9.41482e9));
        assertEquals("0.9564 Gbit/s", Line.rate(0.956407e9));
        assertEquals("40 Gbit/s", Line.rate(40e9));
        assertEquals("99.90 Mbit/s", Line.rate(99.9e6));
        assertEquals("0.9990 kbit/s", Line.rate(999));
        assertEquals("999000000 Gbit/s", Line.rate(9.99e17), "no exponent, however large");
    }

    @Test
    void impossibleLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Line.of(0, 1500, OptionalLong.empty(), true, false,
                Line.Framing.ETHERNET));
        assertThrows(IllegalArgumentException.class, () -> Line.of(TEN_G, 52, OptionalLong.empty(), true, false,
                Line.Framing.ETHERNET));
    }

    @Test
    void lineRateTakesTcsAndIperf3sSpellings() {
        assertEquals(new Line.Rate(1_000_000_000L, Line.Framing.L2), Line.Rate.parse("1gbit:l2"));
        assertEquals(new Line.Rate(TEN_G, Line.Framing.ETHERNET), Line.Rate.parse("10gbit"));
        assertEquals(new Line.Rate(2_500_000_000L, Line.Framing.ETHERNET), Line.Rate.parse("2.5G"));
        assertEquals(new Line.Rate(100_000_000L, Line.Framing.ETHERNET), Line.Rate.parse("100mbit:ethernet"));
        assertEquals(new Line.Rate(1_000_000L, Line.Framing.ETHERNET), Line.Rate.parse("1000000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Line.Rate.parse("fast"));
        assertTrue(e.getMessage().contains("e.g. 10gbit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Line.Rate.parse("1gbit:atm"));
        assertTrue(e.getMessage().contains("not ethernet or l2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Line.Rate.parse("0gbit"));
    }
}
