package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * TCP_INFO, -M, -N and -C inside a NetBSD rump kernel: NetBSD's struct tcp_info (sys/netinet/tcp.h) read with
 * NetBSD's layout on any host. NetBSD's tcpi_rtt counts 500 ms slow ticks (TcpInfoLayout.NETBSD_RTT_NOTE), so on a
 * loopback it is present but may well be 0: only its presence is checked.
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel with a kttcp component")
class RumpWireCliTest {
    @Test
    void netbsdsTcpInfoIsReadWithNetbsdsLayout() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--kernel", RumpCliTest.kernel(), "--engine", "kttcp", "--time", "1s",
                "--interval", "250ms", "--json");
        for (JsonNode in : doc.get("intervals")) {
            JsonNode s = in.at("/streams/0");
            assertTrue(s.get("snd_cwnd").asLong() > 0, s.toString());
            assertTrue(s.has("retransmits") && s.has("rtt") && s.has("rttvar"), s.toString());
        }
        JsonNode tx = doc.at("/end/kttcp4j/0/tcp_info");
        JsonNode rx = doc.at("/end/kttcp4j/1/tcp_info");
        assertTrue(tx.get("snd_mss").asLong() > 0, tx.toString());
        assertTrue(tx.has("retransmits"), "tcpi_snd_rexmitpack: " + tx);
        assertTrue(rx.has("rcv_ooopack"), "NetBSD's receiver counts out-of-order packets: " + rx);
        assertFalse(rx.has("rcv_rtt"), "NetBSD does not fill __tcpi_rcv_rtt: absent, not 0: " + rx);
    }

    @Test
    void mssAndNodelayAreSetAndCongestionIsRefusedWithTheSysctl() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--kernel", RumpCliTest.kernel(), "--engine", "user", "--bytes", "16m", "-M",
                "1000", "-N", "--json");
        for (JsonNode side : doc.at("/end/kttcp4j")) {
            long mss = side.at("/tcp_info/snd_mss").asLong();
            assertTrue(mss > 0 && mss <= 1000, side.toString());
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--kernel", RumpCliTest.kernel(), "--engine", "user", "-C",
                "cubic", "--bytes", "1m")) {
            assertEquals(1, p.waitFor(120), p.stderr());
            assertTrue(p.stderr().contains("sysctl -w net.inet.tcp.congctl.selected="), p.stderr());
        }
    }
}
