package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration parser and formatter: what people type, and what messages say. */
class DurationsTest {
    @Test
    void parsesWhatPeopleType() {
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1H"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5"));
        assertEquals("invalid duration '1d': use e.g. 10s, 500ms, 2m or 1h",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("1d")).getMessage());
        assertEquals("invalid duration '0s': it must be more than 0",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s")).getMessage());
    }

    @Test
    void saysThemAsPeopleReadThem() {
        assertEquals("1 ms", Durations.text(Duration.ofMillis(1)));
        assertEquals("500 us", Durations.text(Duration.ofNanos(500_000)));
        assertEquals("250 ms", Durations.text(Duration.ofMillis(250)));
        assertEquals("10 s", Durations.text(Duration.ofSeconds(10)));
        assertEquals("1.5 s", Durations.text(Duration.ofMillis(1500)));
        assertEquals("0 ms", Durations.text(Duration.ZERO));
    }
}
