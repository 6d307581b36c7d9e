package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Family;
import org.kttcp4j.testing.Descriptors;

class UserEngineTest {
    private static RunSettings settings(long bytes, Duration time, Family f, boolean waitAll) {
        return new RunSettings("user", "user", bytes, time, 0, 64 * 1024, waitAll, f, 0, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"V4", "V6"})
    void bothEndsAgreeOnTheBytesMoved(String family) throws Exception {
        long n = 64L * 1024 * 1024 + 12345; // not a multiple of the buffer
        try (Engine tx = new UserEngine(EngineConfig.defaults()); Engine rx = new UserEngine(EngineConfig.defaults())) {
            RunResult r = Runs.loopback(settings(n, null, Family.valueOf(family), false), tx, rx, "host");
            SideResult sent = r.sides().get(0);
            SideResult got = r.sides().get(1);
            assertEquals(n, sent.transfer().bytes());
            assertEquals(n, got.transfer().bytes());
            assertFalse(sent.transfer().partial());
            assertTrue(sent.transfer().bitsPerSecond() > 0);
            assertTrue(sent.sendBuffer() > 0 && got.receiveBuffer() > 0);
            assertEquals(family.equals("V6") ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1"),
                    sent.peer().getAddress());
        }
    }

    @Test
    void waitAllReceivesEverything() throws Exception {
        long n = 16L * 1024 * 1024 + 1;
        EngineConfig cfg = new EngineConfig(org.kttcp4j.posix.Kernel::host, 64 * 1024, true);
        try (Engine tx = new UserEngine(EngineConfig.defaults()); Engine rx = new UserEngine(cfg)) {
            RunResult r = Runs.loopback(settings(n, null, Family.V4, true), tx, rx, "host");
            assertEquals(n, r.sides().get(1).transfer().bytes());
        }
    }

    @Test
    void aTimedRunStopsNearItsDeadline() throws Exception {
        try (Engine tx = new UserEngine(EngineConfig.defaults()); Engine rx = new UserEngine(EngineConfig.defaults())) {
            long t0 = System.nanoTime();
            RunResult r = Runs.loopback(settings(Long.MAX_VALUE, Duration.ofMillis(500), Family.V4, false), tx, rx, "host");
            double s = (System.nanoTime() - t0) / 1e9;
            Transfer sent = r.sides().get(0).transfer();
            assertTrue(sent.seconds() >= 0.45 && sent.seconds() < 2.0, "ran " + sent.seconds() + " s");
            assertTrue(s < 5, "whole run " + s);
            assertEquals(sent.bytes(), r.sides().get(1).transfer().bytes());
        }
    }

    @Test
    void aReceiverAskedForMoreThanTheSenderSendsEndsAtEof() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (UserEngine engine = new UserEngine(EngineConfig.defaults());
                var acceptor = engine.transport().listen(new InetSocketAddress(lo, 0), 1, false)) {
            Thread sender = new Thread(() -> {
                try (Socket s = new Socket(lo, acceptor.local().getPort())) {
                    s.getOutputStream().write(new byte[100_000]);
                } catch (Exception ignored) {
                    // the receiver's count is what the test checks
                }
            });
            sender.start();
            SideResult r = Runs.receive(engine, acceptor, Budget.ofBytes(1L << 20), 0, c -> {});
            assertEquals(100_000, r.transfer().bytes());
            assertTrue(r.transfer().partial(), "fewer bytes than asked is reported as partial");
            assertEquals(null, r.error(), "EOF is not an error");
            sender.join(10_000);
        }
    }

    @Test
    void runsLeaveNoDescriptorsBehind() throws Exception {
        try (Engine tx = new UserEngine(EngineConfig.defaults()); Engine rx = new UserEngine(EngineConfig.defaults())) {
            Runs.loopback(settings(1 << 20, null, Family.V4, false), tx, rx, "host"); // warm up class loading
            int before = Descriptors.count();
            for (int i = 0; i < 3; i++) {
                Runs.loopback(settings(1 << 20, null, Family.V4, false), tx, rx, "host");
            }
            assertEquals(before, Descriptors.settle(before));
        }
    }

    @Test
    void byteCountsParseLikeTheCTool() {
        assertEquals(65536, Units.parseBytes("65536"));
        assertEquals(64 * 1024, Units.parseBytes("64k"));
        assertEquals(64 * 1024, Units.parseBytes("64K"));
        assertEquals(3L << 20, Units.parseBytes("3m"));
        assertEquals(5L << 30, Units.parseBytes("5G"));
        for (String bad : new String[] {"", "k", "12x", "12kb", "-5", "99999999999999999999"}) {
            try {
                Units.parseBytes(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("byte count"), expected.getMessage());
            }
        }
        assertEquals("128 KiB", Units.binary(131072));
        assertEquals("1000 bytes", Units.binary(1000));
    }
}
