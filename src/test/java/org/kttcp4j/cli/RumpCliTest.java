package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** The CLI's loopback run with the kttcp engine inside a NetBSD rump kernel: kttcp.c as source and sink, on Linux. */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel with a kttcp component")
class RumpCliTest {
    static String kernel() {
        return "rump:" + System.getenv("KTTCP4J_RUMP_DIR");
    }

    @Test
    void loopbackWithTheKttcpEngineInARumpKernel() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--kernel", kernel(), "--engine", "kttcp", "--bytes", "1g", "--json")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            JsonNode doc = Json.stdout(p);
            assertEquals(1L << 30, doc.at("/end/sum_sent/bytes").asLong());
            assertEquals(1L << 30, doc.at("/end/sum_received/bytes").asLong());
            assertEquals("kernel", doc.at("/end/kttcp4j/0/clock").asText());
            assertTrue(doc.at("/start/kernel").asText().startsWith("rump:"));
        }
    }

    @Test
    void aTimedKttcpRunIsChunksOfIoctlsWhoseIntervalsAddUp() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--kernel", kernel(), "--engine", "kttcp", "--time", "2s",
                "--interval", "500ms", "--json")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            JsonNode doc = Json.stdout(p);
            double seconds = doc.at("/end/kttcp4j/0/seconds").asDouble();
            assertTrue(seconds > 1.5 && seconds < 3.0, "the kernel's clock: " + seconds);
            assertTrue(doc.at("/end/kttcp4j/0/calls").asLong() >= 10, "about one ioctl per 100 ms: "
                    + doc.at("/end/kttcp4j/0/calls"));
            long sum = 0;
            for (JsonNode in : doc.get("intervals")) {
                sum += in.at("/sum/bytes").asLong();
            }
            assertEquals(doc.at("/end/sum_sent/bytes").asLong(), sum);
            assertEquals(doc.at("/end/sum_sent/bytes").asLong(), doc.at("/end/sum_received/bytes").asLong());
        }
    }

    /**
     * The user engine's --poll loop on NetBSD's own socket code: recvfrom and sendto with NetBSD's MSG_DONTWAIT,
     * EAGAIN as NetBSD's 35, poll(2) with NetBSD's POLLIN and POLLOUT, all in the rump kernel (rump_sys_*).
     */
    @Test
    void theUserEnginesPollLoopRunsOnNetbsdsSockets() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--kernel", kernel(), "--engine", "user", "--poll",
                "--buffer", "256k", "--bytes", "256m", "--json")) {
            assertEquals(0, p.waitFor(120), p.stderr());
            JsonNode doc = Json.stdout(p);
            assertEquals(256L << 20, doc.at("/end/sum_sent/bytes").asLong());
            assertEquals(256L << 20, doc.at("/end/sum_received/bytes").asLong());
            assertTrue(doc.at("/end/kttcp4j/0/engine_description").asText().contains("poll(2)"), doc.toString());
        }
    }

    @Test
    void abiOfARumpKernelIsNetbsdsOnAnyHost() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("abi", "--kernel", kernel(), "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode doc = Json.stdout(p);
            assertEquals("netbsd", doc.get("abi").asText());
            assertEquals(24, doc.at("/constants/AF_INET6").asInt());
            assertEquals(38, doc.at("/errno/ENOTSOCK").asInt());
        }
    }

    @Test
    void theCompatibleModeRunsAgainstTheRumpKernelToo() {
        // kttcp4j -t inside the rump kernel can only reach the rump kernel's own 127.0.0.1: a receiver in the same
        // process does not exist in this mode, so connecting is refused, with NetBSD's errno number
        try (CliProcess p = CliProcess.kttcp4j("--kernel", kernel(), "--engine", "kttcp", "-t", "-n", "1m", "-p", "5001", "127.0.0.1")) {
            assertEquals(2, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("ECONNREFUSED (61)"), p.stderr());
        }
    }
}
