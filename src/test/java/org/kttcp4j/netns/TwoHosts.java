package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** One run across a lab: `kttcp4j recv` in one namespace, `kttcp4j send` in the other, two processes. */
final class TwoHosts {
    private TwoHosts() {
    }

    /** What the two processes printed. */
    record Run(int rxStatus, String rxOut, String rxErr, int txStatus, String txOut, String txErr) {
        JsonNode rx() {
            return Json.parse(rxOut);
        }

        JsonNode tx() {
            return Json.parse(txOut);
        }

        /** Both ended with 0, or the assertion names what each printed. */
        Run ok() {
            assertEquals(0, rxStatus, "receiver: " + rxErr + rxOut);
            assertEquals(0, txStatus, "sender: " + txErr + txOut);
            return this;
        }
    }

    /**
     * Starts `recv RECV_ARGS` in side rx, waits (bounded) until it listens, runs `send TX_ARGS` in side tx and
     * waits for both, each bounded by seconds.
     */
    static Run run(NetnsLab lab, String rx, List<String> recvArgs, String tx, List<String> sendArgs, int seconds) {
        List<String> r = new ArrayList<>(List.of("recv"));
        r.addAll(recvArgs);
        List<String> s = new ArrayList<>(List.of("send"));
        s.addAll(sendArgs);
        try (CliProcess receiver = lab.kttcp4j(rx, r.toArray(String[]::new))) {
            receiver.awaitOutput("listening on", 30);
            try (CliProcess sender = lab.kttcp4j(tx, s.toArray(String[]::new))) {
                int txStatus = sender.waitFor(seconds);
                int rxStatus = receiver.waitFor(seconds);
                return new Run(rxStatus, receiver.stdout(), receiver.stderr(), txStatus, sender.stdout(), sender.stderr());
            }
        }
    }
}
