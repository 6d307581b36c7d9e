package org.kttcp4j.device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kttcp4j.posix.Kernel;

/** kttcp(4) in the running NetBSD kernel: the VMs (vagrant/) run these; elsewhere they show as skipped. */
@Tag("netbsd")
@EnabledIfSystemProperty(named = "os.name", matches = "NetBSD",
        disabledReason = "needs NetBSD with `pseudo-device kttcp` (run: ci/netbsd-vm.sh)")
class KttcpDeviceNetBsdTest extends KttcpDeviceContract {
    @Override
    Kernel kernel() {
        return Kernel.host();
    }
}
