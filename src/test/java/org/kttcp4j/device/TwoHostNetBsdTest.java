package org.kttcp4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.SideResult;

/**
 * kttcp across the two VMs' private network: the tx VM sends with KTTCP_IO_SEND to `kttcp4j recv --serve
 * --port 22223` on the rx VM (ci/netbsd-vm.sh starts it and names it in KTTCP4J_PEER_HOST).
 */
@Tag("netbsd")
@EnabledIfSystemProperty(named = "os.name", matches = "NetBSD", disabledReason = "needs NetBSD (run: ci/netbsd-vm.sh)")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_PEER_HOST", matches = ".+",
        disabledReason = "needs a receiver on another host: set KTTCP4J_PEER_HOST (ci/netbsd-vm.sh does)")
class TwoHostNetBsdTest {
    static final int PEER_PORT = 22223;

    @Test
    void sendsOneHundredMebibytesAcrossTheWire() throws Exception {
        String peer = System.getenv("KTTCP4J_PEER_HOST");
        long n = 100L << 20;
        SideResult r = Run.send(peer).engine("kttcp").port(PEER_PORT).bytes(n).build().execute(RunListener.NONE)
                .last().orElseThrow().sides().get(0);
        Transfer t = r.transfer();
        assertEquals(n, t.bytes(), String.valueOf(r.error()));
        assertEquals(Transfer.Clock.KERNEL, t.clock());
        double bps = t.figures().bitsPerSecond().orElse(0);
        assertTrue(bps > 1e6, "more than 1 Mbit/s over a virtual NIC: " + bps);
        assertEquals(List.of(), r.error() == null ? List.of() : List.of(r.error()));
    }
}
