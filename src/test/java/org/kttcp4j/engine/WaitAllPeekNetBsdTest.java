package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kttcp4j.posix.Kernel;

/** The NetBSD twin of WaitAllPeekTest: NetBSD's soreceive returns what the buffer holds instead of waiting. */
@Tag("netbsd")
@EnabledIfSystemProperty(named = "os.name", matches = "NetBSD", disabledReason = "NetBSD kernel behaviour (run: ci/netbsd-vm.sh)")
class WaitAllPeekNetBsdTest {
    @Test
    void aPeekForMoreThanTheBufferHoldsReturnsWithoutWaiting() throws Exception {
        long[] r = WaitAllPeekTest.peekMoreThanTheBufferHolds(Kernel.host());
        assertEquals(0, r[2], "the call waited until kttcp4j's bound ended it");
        assertTrue(r[0] > 0, "returned the bytes that were there: " + r[0]);
    }
}
