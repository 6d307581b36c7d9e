package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/**
 * A link taken down mid-run (`ip link set DEV down` in the receiver's namespace): no more bytes cross, no RST
 * or FIN arrives, so only kttcp4j's own timeouts can end the run. Both ends must end with a message and exit
 * 2 within 60 s. (TCP alone gives up on the sender after net.ipv4.tcp_retries2 = 15 retransmissions, about
 * 15 minutes: Documentation/networking/ip-sysctl.rst; a receiver that only reads waits forever.)
 */
@Tag("netns")
class LinkDownTest {
    static final int BOUND_SECONDS = 60;

    /** A lab of its own: the test takes its link down. */
    @Test
    @WithNetnsLab
    void aLinkTakenDownMidRunEndsBothEndsWithAMessageAndExit2(NetnsLab lab) {
        try (CliProcess rx = lab.kttcp4j("A", "recv", "-4", "--port", "5401", "--interval", "200ms", "--json-stream", "-q");
             CliProcess tx = startSender(lab, rx)) {
            rx.awaitOutput("\"interval\"", 30);   // bytes are flowing
            NetnsLab.Result down = lab.run("A", "ip", "link", "set", lab.get("DEV_A"), "down");
            assertEquals(0, down.status(), down.toString());
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            while (System.nanoTime() < deadline && (rx.alive() || tx.alive())) {
                sleep(100);
            }
            List<String> problems = new ArrayList<>();
            for (CliProcess p : List.of(tx, rx)) {
                String who = p == tx ? "sender" : "receiver";
                if (p.alive()) {
                    problems.add(who + " still running " + BOUND_SECONDS + " s after the link went down (stderr: "
                            + p.stderr().strip() + ")");
                    continue;
                }
                int status = p.waitFor(1);
                if (status != 2) {
                    problems.add(who + " exited " + status + ", not 2 (stderr: " + p.stderr().strip() + ")");
                } else if (!p.stderr().contains("kttcp4j:") || p.stderr().strip().isEmpty()) {
                    problems.add(who + " exited 2 without a message on stderr: " + p.stderr());
                }
            }
            assertTrue(problems.isEmpty(), String.join("; ", problems));
        }
    }

    private static CliProcess startSender(NetnsLab lab, CliProcess rx) {
        rx.awaitOutput("listening on", 30);
        return lab.kttcp4j("B", "send", lab.addr("A"), "--port", "5401", "--time", "120s", "-q");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
