package org.kttcp4j.device;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.kttcp4j.posix.Kernel;

/**
 * The same checks as on NetBSD, against NetBSD's own sys/dev/kttcp.c and TCP in a rump kernel loaded into this
 * JVM, on any host. Runs when KTTCP4J_RUMP_DIR names such a rump kernel (docs/topologies.md, "NetBSD's kernel without NetBSD").
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel with a kttcp component")
class KttcpDeviceRumpTest extends KttcpDeviceContract {
    @Override
    Kernel kernel() {
        return Kernel.rump(Path.of(System.getenv("KTTCP4J_RUMP_DIR")));
    }
}
