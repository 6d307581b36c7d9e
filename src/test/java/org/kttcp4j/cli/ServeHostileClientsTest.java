package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.testing.CliProcess;

/**
 * recv --serve as a server on a hostile network: 1,000 connections that come to nothing or to garbage (connect
 * and close, garbage then close, a reset, idle, one that comes while the server is busy, one byte a second), then
 * a real sender, which is served. The
 * server's descriptors and threads stay bounded, every empty or refused connection is one log line.
 */
@EnabledOnOs(OS.LINUX) // /proc/PID/fd and /proc/PID/task
class ServeHostileClientsTest {
    static final InetAddress LO = loopback();

    @Test
    void aThousandHostileConnectionsThenARealSenderIsServed() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess server = CliProcess.kttcp4j("recv", "--serve", "-e", "user", "-4", "--port",
                Integer.toString(port), "--idle-timeout", "2s", "--max-time", "4s", "-q")) {
            server.awaitOutput("listening on", 30);
            realSender(port, "4m");
            server.awaitOutput("receiver  4194304 bytes", 30);
            int fds0 = count("/proc/" + server.pid() + "/fd");
            int threads0 = count("/proc/" + server.pid() + "/task");

            InetSocketAddress at = new InetSocketAddress(LO, port);
            int before = handled(server); // the real sender's run
            int quick = 0;
            long end = System.nanoTime() + 120_000_000_000L;
            for (int i = 0; i < 990 && System.nanoTime() < end; i++) {
                // at most 64 connections ahead of the server, so the backlog (128) never overflows
                while (i - (handled(server) - before) > 64 && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                try (Socket s = new Socket()) {
                    s.connect(at, 10_000);
                    switch (i % 3) {
                        case 0 -> { } // connect and close
                        case 1 -> s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes()); // garbage
                        default -> s.setSoLinger(true, 0); // close with a reset
                    }
                }
                quick++;
            }
            // slow ones, one after another: idle (ended by --idle-timeout), with a second client that comes while it
            // holds the server (refused at once: busy), then a drip of one byte a second (ended by --max-time)
            for (int i = 0; i < 600 && handled(server) - before < quick; i++) {
                Thread.sleep(100); // the server catches up with the quick ones first
            }
            try (Socket idle = new Socket()) {
                idle.connect(at, 10_000);
                int held = handled(server);
                try (Socket second = new Socket()) {
                    second.connect(at, 10_000);
                    for (int i = 0; i < 300 && !server.stderr().contains(": busy with a run from"); i++) {
                        Thread.sleep(100);
                    }
                }
                for (int i = 0; i < 600 && handled(server) < held + 2; i++) {
                    Thread.sleep(100); // the busy refusal and the idle client's end
                }
            }
            int dripped = handled(server);
            try (Socket drip = new Socket()) {
                drip.connect(at, 10_000);
                OutputStream o = drip.getOutputStream();
                for (int i = 0; i < 60 && handled(server) == dripped; i++) {
                    try {
                        o.write('x');
                    } catch (IOException closedByTheServer) {
                        break;
                    }
                    Thread.sleep(1000);
                }
            }
            realSender(port, "8m");
            server.awaitOutput("receiver  8388608 bytes", 60);
            assertTrue(server.alive(), "still serving");
            int fds = count("/proc/" + server.pid() + "/fd");
            int threads = count("/proc/" + server.pid() + "/task");
            assertTrue(fds <= fds0 + 4, "descriptors flat: " + fds0 + " -> " + fds);
            assertTrue(threads <= threads0 + 4, "threads flat: " + threads0 + " -> " + threads);
            String err = server.stderr();
            long logged = err.lines().filter(l -> l.startsWith("kttcp4j: closed the connection from 127.0.0.1")).count();
            assertTrue(logged >= quick * 2 / 3 - 10, "each empty or reset connection is one log line: " + logged);
            assertTrue(err.contains("moved no data for 2 s"), "an idle client is ended by --idle-timeout");
            assertTrue(err.contains(": busy with a run from 127.0.0.1 port"), "a client that comes meanwhile is refused");
            assertTrue(server.stdout().contains("[stopped by --max-time 4 s reached"), "a drip is ended by --max-time");
        }
    }

    /** Connections the server has finished with: runs reported and connections logged. */
    static int handled(CliProcess server) {
        return (int) (server.stdout().lines().filter(l -> l.startsWith("kttcp4j recv: peer")).count()
                + server.stderr().lines().filter(l -> l.startsWith("kttcp4j: closed the connection")).count());
    }

    static void realSender(int port, String size) {
        try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "-e", "user", "--port", Integer.toString(port),
                "--bytes", size)) {
            assertEquals(0, tx.waitFor(60), tx.stderr());
        }
    }

    static int count(String dir) throws IOException {
        try (var s = Files.list(Path.of(dir))) {
            return (int) s.count();
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
