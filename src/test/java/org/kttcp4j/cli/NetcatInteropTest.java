package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/** A peer nobody here wrote: OpenBSD netcat on each side of kttcp4j's C-tool mode. */
class NetcatInteropTest {
    Path nc;

    /** Per test, not per class: a class-level assumption makes surefire count no test at all, not skipped ones. */
    @BeforeEach
    void findNetcat() {
        nc = CliProcess.which("nc");
        // .ci/run installs netcat-openbsd; without it these tests are skipped, visibly
        Assumptions.assumeTrue(nc != null, "nc (Debian's netcat-openbsd) is not installed");
    }

    @Test
    void ncSendsToKttcp4jReceiver() throws Exception {
        int port = CliProcess.freePort();
        long size = 5_000_000 + 321;
        File data = File.createTempFile("kttcp4j-nc", ".bin");
        data.deleteOnExit();
        try (RandomAccessFile f = new RandomAccessFile(data, "rw")) {
            f.setLength(size);
        }
        // the default engine here: splice, the kernel as sink
        try (CliProcess rx = CliProcess.kttcp4j("-r", "-4", "-p", Integer.toString(port))) {
            rx.awaitOutput("listening on port", 20);
            // -N: shut the socket down at EOF on stdin, so the receiver sees the end
            try (CliProcess send = CliProcess.start(List.of(nc.toString(), "-N", "127.0.0.1", Integer.toString(port)), data)) {
                assertEquals(0, send.waitFor(60), send.stderr());
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            assertTrue(rx.stdout().contains("kttcp: " + size + " bytes in "), rx.stdout());
        }
    }

    @Test
    void ncReceivesFromKttcp4jTransmitter() throws Exception {
        int port = CliProcess.freePort();
        Path received = Files.createTempFile("kttcp4j-nc-out", ".bin");
        try (CliProcess recv = CliProcess.start(List.of("sh", "-c",
                "exec " + nc + " -l 127.0.0.1 " + port + " > " + received), null)) {
            long end = System.nanoTime() + 20_000_000_000L;
            int code = -1;
            while (System.nanoTime() < end) {
                try (CliProcess tx = CliProcess.kttcp4j("--engine", "nio", "-t", "-q", "-n", "7m", "-p", Integer.toString(port), "127.0.0.1")) {
                    code = tx.waitFor(60);
                    if (code == 0) {
                        break;
                    }
                }
                Thread.sleep(100); // nc not listening yet
            }
            assertEquals(0, code);
            assertEquals(0, recv.waitFor(30), recv.stderr());
            assertEquals(7L << 20, Files.size(received));
        } finally {
            Files.deleteIfExists(received);
        }
    }
}
