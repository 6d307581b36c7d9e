package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Family;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.testing.Descriptors;

/** The user engine, run the way a Java program runs kttcp4j: through Run. */
class UserEngineTest {
    static RunResult loopback(Run.Builder b) throws Exception {
        return b.build().execute(RunListener.NONE).last().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"V4", "V6"})
    void bothEndsAgreeOnTheBytesMoved(String family) throws Exception {
        long n = 64L * 1024 * 1024 + 12345; // not a multiple of the buffer
        RunResult r = loopback(Run.loopback().engine("user").buffer(64 * 1024).bytes(n).family(Family.valueOf(family)));
        SideResult sent = r.sides().get(0);
        SideResult got = r.sides().get(1);
        assertEquals(n, sent.transfer().bytes());
        assertEquals(n, got.transfer().bytes());
        assertFalse(sent.transfer().partial());
        // the figure a user reads is bytes * 8 / seconds
        assertEquals(n * 8 / sent.transfer().seconds(), sent.transfer().figures().bitsPerSecond().getAsDouble(), 1e-3 * n);
        assertTrue(sent.sendBuffer() > 0 && got.receiveBuffer() > 0);
        assertEquals(family.equals("V6") ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1"),
                sent.peer().getAddress());
    }

    @Test
    void waitAllReceivesEverything() throws Exception {
        long n = 16L * 1024 * 1024 + 1;
        RunResult r = loopback(Run.loopback().engine("user").buffer(64 * 1024).waitAll(true).bytes(n));
        assertEquals(n, r.sides().get(1).transfer().bytes());
        assertTrue(r.sides().get(1).engineDescription().contains("MSG_WAITALL"));
    }

    @Test
    void aTimedRunStopsNearItsDeadline() throws Exception {
        long t0 = System.nanoTime();
        RunResult r = loopback(Run.loopback().engine("user").time(Duration.ofMillis(500)));
        double s = (System.nanoTime() - t0) / 1e9;
        Transfer sent = r.sides().get(0).transfer();
        assertTrue(sent.seconds() >= 0.45 && sent.seconds() < 5.0, "ran " + sent.seconds() + " s");
        assertTrue(s < 5, "whole run " + s);
        assertEquals(sent.bytes(), r.sides().get(1).transfer().bytes());
    }

    @Test
    void aReceiverExpectingMoreThanTheSenderSendsIsPartial() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int port = freePort();
        Run run = Run.receive().engine("user").bind("127.0.0.1").port(port).bytes(1L << 20).build();
        FutureTask<Results> rx = new FutureTask<>(() -> run.execute(RunListener.NONE));
        new Thread(rx).start();
        Socket s = connectWithin(lo, port, 10);
        s.getOutputStream().write(new byte[100_000]);
        s.close();
        Results res = rx.get(20, TimeUnit.SECONDS);
        SideResult r = res.last().orElseThrow().sides().get(0);
        assertEquals(100_000, r.transfer().bytes());
        assertTrue(r.transfer().partial(), "fewer bytes than expected is a partial transfer");
        assertTrue(res.failed(), "and the run failed (exit 2)");
        assertNull(r.error(), "EOF is not an error");
    }

    @Test
    void runsLeaveNoDescriptorsBehind() throws Exception {
        loopback(Run.loopback().engine("user").bytes(1 << 20)); // warm up class loading
        int before = Descriptors.count();
        for (int i = 0; i < 3; i++) {
            loopback(Run.loopback().engine("user").bytes(1 << 20));
        }
        Descriptors.assertNoneLeaked(before);
    }

    @Test
    void theBufferSizeIsNamedInBinaryUnits() {
        assertEquals("128 KiB", Units.binary(131072));
        assertEquals("1000 bytes", Units.binary(1000));
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Connects once the listener is up, trying for at most the given seconds. */
    static Socket connectWithin(InetAddress a, int port, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                return new Socket(a, port);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
