package org.kttcp4j.engine;

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
        UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class,
                () -> Engines.create("kttcp", EngineConfig.defaults()));
        assertTrue(ex.getMessage().contains("NetBSD's kttcp(4) kernel device"), ex.getMessage());
        assertTrue(ex.getMessage().contains("`engine` user"), ex.getMessage());
        assertTrue(!Engines.defaultName(Kernel.host()).equals("kttcp"), "kttcp is not the default off NetBSD");
    }
}
