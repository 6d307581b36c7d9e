package org.kttcp4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChunkingTest {
    @Test
    void chunksAimAtATenthOfASecondAtTheRateSoFar() {
        // 1 GB in 1 s so far: 100 ms is 100 MB
        assertEquals(100_000_000L, KttcpDevice.nextChunk(1_000_000_000L, 1_000_000_000L, Long.MAX_VALUE));
        // 20 ms left before the deadline: a fifth of that
        assertEquals(20_000_000L, KttcpDevice.nextChunk(1_000_000_000L, 1_000_000_000L, 20_000_000L));
        // never below the floor, and the first chunk when nothing is known
        assertEquals(KttcpDevice.MIN_CHUNK, KttcpDevice.nextChunk(1000, 1_000_000_000L, Long.MAX_VALUE));
        assertEquals(KttcpDevice.FIRST_CHUNK, KttcpDevice.nextChunk(0, 0, Long.MAX_VALUE));
    }
}
