package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.testing.CliProcess;

/**
 * recv --max-time holds while a receive call blocks: a peer that drips a byte at a time never fills the splice
 * engine's 1 MiB low-water mark, so its recv(2) would wait until the idle timeout; the cap ends it at its time.
 */
class MaxTimeCliTest {
    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"splice", "user"})
    void aDripIsEndedAtMaxTimeNotByTheIdleTimeout(String engine) throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess server = CliProcess.kttcp4j("recv", "-e", engine, "-4", "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--max-time", "2s", "--idle-timeout", "30s", "-q")) {
            server.awaitOutput("listening on", 60);
            long start = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
                OutputStream drip = s.getOutputStream();
                for (int i = 0; i < 100 && server.alive(); i++) { // at most 20 s
                    try {
                        drip.write('x');
                        drip.flush();
                    } catch (IOException closedByTheServer) {
                        break;
                    }
                    Thread.sleep(200);
                }
            }
            assertEquals(0, server.waitFor(30), server.stderr());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 8, "ended by --max-time 2 s, not the 30 s idle timeout: " + seconds + " s");
            assertTrue(server.stdout().contains("[stopped by --max-time 2 s reached after"), server.stdout());
        }
    }
}
