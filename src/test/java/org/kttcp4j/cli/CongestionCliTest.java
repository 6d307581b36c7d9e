package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.TcpOptions;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** -C/--congestion, -N, -M on the command line (Linux host). */
class CongestionCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"cubic", "reno"})
    void theChosenAlgorithmRunsAndIsReported(String cc) throws Exception {
        assumeTrue(TcpOptions.linuxAvailable().contains(cc), cc + " is not offered here");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "-C", cc, "--bytes", "32m", "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            JsonNode end = Json.stdout(p).get("end");
            assertEquals(cc, end.get("sender_tcp_congestion").asText(), end.toString());
            assertEquals(cc, end.get("receiver_tcp_congestion").asText(), end.toString());
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "splice", "-C", cc, "--bytes", "32m")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().contains("congestion " + cc), p.stdout());
        }
    }

    @Test
    void anUnknownNameExitsOneWithTheChoicesOnOneLine() {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "-C", "nosuchcc", "--bytes", "1m")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            String err = p.stderr().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains("unknown congestion control 'nosuchcc'"), err);
            for (String name : TcpOptions.linuxAvailable()) {
                assertTrue(err.contains(name), err);
            }
        }
    }

    @Test
    void mssAndNodelayReachTheSockets() throws Exception {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "-N", "-M", "1000", "--bytes", "16m",
                "--json")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            for (JsonNode side : Json.stdout(p).at("/end/kttcp4j")) {
                long mss = side.at("/tcp_info/snd_mss").asLong();
                assertTrue(mss > 0 && mss <= 1000, side.toString());
            }
        }
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "-M", "10", "--bytes", "1m")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("--mss must be from 88"), p.stderr());
        }
    }
}
