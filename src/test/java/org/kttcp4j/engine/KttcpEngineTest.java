package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.posix.Kernel;

class KttcpEngineTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheEngineSaysItIsANetbsdKernelDevice() {
        try (KttcpEngine e = new KttcpEngine(EngineConfig.defaults())) {
            UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, e::open);
            assertTrue(ex.getMessage().contains("NetBSD's kttcp(4) kernel device"), ex.getMessage());
            assertTrue(ex.getMessage().contains("--engine user"), ex.getMessage());
        }
        assertTrue(!Engines.defaultName(Kernel.host().abi()).equals("kttcp"), "kttcp is not the default off NetBSD");
    }

    @Test
    void chunksAimAtATenthOfASecondAtTheRateSoFar() {
        // 1 GB in 1 s so far: 100 ms is 100 MB
        assertEquals(100_000_000L, KttcpEngine.nextChunk(1_000_000_000L, 1_000_000_000L, Long.MAX_VALUE));
        // 20 ms left before the deadline: a fifth of that
        assertEquals(20_000_000L, KttcpEngine.nextChunk(1_000_000_000L, 1_000_000_000L, 20_000_000L));
        // never below the floor, and the first chunk when nothing is known
        assertEquals(KttcpEngine.MIN_CHUNK, KttcpEngine.nextChunk(1000, 1_000_000_000L, Long.MAX_VALUE));
        assertEquals(KttcpEngine.FIRST_CHUNK, KttcpEngine.nextChunk(0, 0, Long.MAX_VALUE));
    }
}
