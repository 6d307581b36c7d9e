package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;
import org.kttcp4j.testing.TwoRumpKernels;

/**
 * NetBSD's interface ioctls in NetBSD's own kernel code: two rump kernels on one shmif Ethernet, each end asking
 * its kernel (SIOCGIFCONF, SIOCGIFFLAGS, SIOCGIFMTU, SIOCGIFMEDIA, SIOCGIFCAP in NetBSD's numbers, through the
 * rump client's system calls) which interface holds its address: shmif0 with Ethernet's MTU, and no medium, so
 * no speed and no line unless --line-rate gives one.
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel built by native/rump/build.sh")
class RumpInterfaceTest {
    @TempDir
    Path state;

    @Test
    void eachKernelNamesItsShmifWithItsMtuAndSaysItHasNoSpeed() throws Exception {
        try (TwoRumpKernels k = TwoRumpKernels.start(state.resolve("pair"))) {
            try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", k.kernelA(), "--engine", "kttcp", "--port",
                    "23301", "-4", "--json", "-q", "--line-rate", "1gbit")) {
                rx.awaitOutput("listening on", 60);
                try (CliProcess tx = CliProcess.kttcp4j("send", k.addrA(), "--kernel", k.kernelB(), "--engine", "kttcp",
                        "--port", "23301", "-4", "--bytes", "16m", "--json", "-q")) {
                    assertEquals(0, tx.waitFor(120), tx.stderr());
                    assertEquals(0, rx.waitFor(120), rx.stderr());
                    JsonNode sent = Json.parse(tx.stdout());
                    JsonNode got = Json.parse(rx.stdout());
                    for (JsonNode iface : new JsonNode[] {sent.at("/start/interface/sender"),
                            got.at("/start/interface/receiver")}) {
                        assertEquals("shmif0", iface.path("name").asText(), iface.toString());
                        assertEquals("shmif", iface.path("driver").asText(), "NetBSD: the name's prefix");
                        assertEquals(1500, iface.path("mtu").asInt(), "ETHERMTU, SIOCGIFMTU's answer: " + iface);
                        assertFalse(iface.path("loopback").asBoolean(), iface.toString());
                        assertTrue(iface.path("speed_bits_per_second").isNull(), "shmif has no media: " + iface);
                        assertTrue(iface.path("notes").toString().contains("no media"), iface.toString());
                    }
                    assertTrue(sent.at("/end/kttcp4j_run/line").isMissingNode(), sent.at("/end/kttcp4j_run").toString());
                    assertTrue(sent.at("/end/kttcp4j_run/line_none").asText().contains("shmif0 reports no link speed"),
                            sent.at("/end/kttcp4j_run").toString());
                    // --line-rate gives the receiver its line, at the MTU its kernel reported
                    JsonNode line = got.at("/end/kttcp4j_run/line");
                    assertEquals(1500, line.path("mtu").asInt(), line.toString());
                    assertEquals("--line-rate", line.path("source").asText());
                    assertTrue(line.path("percent").asDouble() > 0, line.toString());
                }
            }
        }
    }

    @Test
    void aRumpKernelsLoopbackIsLo0AndSaysItIsLoopback() throws Exception {
        JsonNode doc = Json.kttcp4j(120, "loopback", "--kernel", RumpCliTest.kernel(), "--engine", "kttcp", "--bytes",
                "16m", "--json");
        JsonNode iface = doc.at("/start/interface/sender");
        assertEquals("lo0", iface.path("name").asText(), doc.at("/start").toString());
        assertTrue(iface.path("loopback").asBoolean(), iface.toString());
        assertTrue(iface.path("mtu").asInt() > 1500, "NetBSD's loopback MTU: " + iface);
        assertTrue(doc.at("/end/kttcp4j_run/line_none").asText().contains("lo0 is loopback"), doc.at("/end").toString());
    }
}
