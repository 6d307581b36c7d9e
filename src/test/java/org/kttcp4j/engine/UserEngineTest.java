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
import org.kttcp4j.testing.FakeNetBsdKernel;

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

    @ParameterizedTest
    @ValueSource(strings = {"V4", "V6"})
    void thePollLoopMovesEveryByte(String family) throws Exception {
        long n = 32L * 1024 * 1024 + 12345;
        RunResult r = loopback(Run.loopback().engine("user").buffer(64 * 1024).poll(true).bytes(n)
                .family(Family.valueOf(family)));
        assertEquals(n, r.sides().get(0).transfer().bytes());
        assertEquals(n, r.sides().get(1).transfer().bytes());
        assertFalse(r.sides().get(1).transfer().partial());
        assertTrue(r.sides().get(0).engineDescription().contains("MSG_DONTWAIT with poll(2)"),
                r.sides().get(0).engineDescription());
    }

    /**
     * What --poll changes, seen from the calls: a blocking write(2) of 1 MiB into a 64 KiB send buffer returns
     * once all of it is in (one call per MiB), a non-blocking one returns with what fitted, and the next finds the
     * buffer full (EAGAIN) and waits in poll(2): many calls per MiB.
     */
    @Test
    void thePollLoopsSenderMakesNonBlockingCalls() throws Exception {
        long n = 16L << 20;
        Run.Builder b = Run.loopback().engine("user").buffer(1 << 20).sockbufs(java.util.List.of(64 * 1024)).bytes(n);
        Transfer blocking = loopback(b).sides().get(0).transfer();
        Transfer polled = loopback(b.poll(true)).sides().get(0).transfer();
        assertEquals(n, blocking.bytes());
        assertEquals(n, polled.bytes());
        assertEquals(16, blocking.calls(), "a blocking write of 1 MiB returns when all of it is in");
        assertTrue(polled.calls() > 2 * 16, "non-blocking sends take what fits: " + polled.calls() + " calls");
    }

    @Test
    void aPollReceiverExpectingMoreThanTheSenderSendsIsPartial() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int port = freePort();
        Run run = Run.receive().engine("user").poll(true).bind("127.0.0.1").port(port).bytes(1L << 20).build();
        FutureTask<Results> rx = new FutureTask<>(() -> run.execute(RunListener.NONE));
        new Thread(rx).start();
        try (Socket s = connectWithin(lo, port, 10)) {
            s.getOutputStream().write(new byte[100_000]);
            Thread.sleep(200); // the receiver has drained it and waits in poll(2) when the EOF comes
        }
        Results res = rx.get(20, TimeUnit.SECONDS);
        SideResult r = res.last().orElseThrow().sides().get(0);
        assertEquals(100_000, r.transfer().bytes());
        assertTrue(r.transfer().partial(), "fewer bytes than expected is a partial transfer");
        assertNull(r.error(), "EOF is not an error");
    }

    /**
     * The same loop on NetBSD's numbers: the fake NetBSD kernel (NetBSD's ABI over this host's sockets) refuses a
     * MSG_ flag that is not NetBSD's and reports EAGAIN as NetBSD's 35, so a Linux number anywhere fails the run.
     */
    @Test
    void thePollLoopSpeaksNetBsdsNumbers() throws Exception {
        long n = 8L * 1024 * 1024 + 7;
        RunResult r = loopback(Run.loopback().kernel(new FakeNetBsdKernel().kernel()).engine("user").poll(true)
                .buffer(256 * 1024).sockbufs(java.util.List.of(64 * 1024)).bytes(n).family(Family.V4));
        assertEquals(n, r.sides().get(0).transfer().bytes());
        assertEquals(n, r.sides().get(1).transfer().bytes());
        assertTrue(r.sides().get(0).transfer().calls() > n / (256 * 1024), "some sends found the buffer full");
    }

    /** A peer that stops sending and keeps the connection: the idle timeout ends the receiver's poll(2). */
    @Test
    void anIdleTimeoutEndsAPollReceiversWait() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int port = freePort();
        Run run = Run.receive().engine("user").poll(true).bind("127.0.0.1").port(port).bytes(1L << 20)
                .idleTimeout(Duration.ofSeconds(1)).build();
        FutureTask<Results> rx = new FutureTask<>(() -> run.execute(RunListener.NONE));
        new Thread(rx).start();
        try (Socket s = connectWithin(lo, port, 10)) {
            s.getOutputStream().write(new byte[5000]);
            long t0 = System.nanoTime();
            Results res = rx.get(20, TimeUnit.SECONDS);
            double waited = (System.nanoTime() - t0) / 1e9;
            SideResult r = res.last().orElseThrow().sides().get(0);
            assertEquals(5000, r.transfer().bytes(), "what came is kept");
            assertTrue(r.transfer().partial());
            assertTrue(res.failed());
            assertTrue(waited >= 0.9 && waited < 10, "ended by the 1 s idle timeout, after " + waited + " s");
        }
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
