package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.kttcp4j.posix.Kernel;

/** The NetBSD behaviour of WaitAllPeekTest, checked against NetBSD's own soreceive in a rump kernel. */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel with a kttcp component")
class WaitAllPeekRumpTest {
    @Test
    void netbsdReturnsWhatTheBufferHoldsWithoutWaiting() throws Exception {
        long[] r = WaitAllPeekTest.peekMoreThanTheBufferHolds(Kernel.rump(Path.of(System.getenv("KTTCP4J_RUMP_DIR"))));
        assertEquals(0, r[2], "NetBSD's kernel waited until kttcp4j's bound ended the call");
        assertTrue(r[0] > 0, "returned the bytes that were there: " + r[0]);
    }
}
