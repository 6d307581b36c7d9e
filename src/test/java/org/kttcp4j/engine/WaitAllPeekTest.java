package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.posix.Kernel;

/**
 * recv(2) with MSG_WAITALL|MSG_PEEK asking for more than the receive buffer can ever hold: nothing may wait
 * forever. NetBSD returns what is there (checked against NetBSD's own soreceive in a rump kernel,
 * WaitAllPeekRumpTest, and on NetBSD itself in the VMs, WaitAllPeekNetBsdTest); Linux waits for
 * data that cannot come (the window is closed by the very bytes being peeked at: observed here), so there it is
 * kttcp4j's bound, a shutdown from another thread, that ends the call, with the peeked bytes intact.
 */
class WaitAllPeekTest {
    static final long BOUND_NANOS = 2_000_000_000L;

    /** Returns {bytes returned, nanoseconds taken, 1 if the bound fired}. */
    static long[] peekMoreThanTheBufferHolds(Kernel k) throws Exception {
        NativeTransport t = new NativeTransport(k);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        // the peer is a socket of the same kernel (a rump kernel's 127.0.0.1 is its own)
        try (var a = t.listen(new InetSocketAddress(lo, 0), 1, false); var peer = t.connect(a.local());
                var c = a.accept(); Memory buf = new Memory(8L << 20); Memory out = new Memory(64 * 1024)) {
            c.setReceiveBufferSize(64 * 1024);
            int rcvbuf = c.receiveBufferSize();
            out.clear();
            int peerFd = peer.fd().get();
            Thread writer = new Thread(() -> {
                // more than fits: the writer blocks until the connection is shut down, then fails and stops
                for (long sent = 0; sent < 4L * rcvbuf; ) {
                    int n = k.sys().write(peerFd, out, 64 * 1024);
                    if (n <= 0) {
                        return;
                    }
                    sent += n;
                }
            });
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(300); // let the receive buffer fill
            AtomicBoolean fired = new AtomicBoolean();
            Thread bound = new Thread(() -> {
                try {
                    Thread.sleep(BOUND_NANOS / 1_000_000);
                    fired.set(true);
                    c.abort();
                } catch (InterruptedException e) {
                    // the call returned first
                }
            });
            bound.setDaemon(true);
            bound.start();
            long t0 = System.nanoTime();
            long n = k.sys().recvfrom(c.fd().get(), buf, 2 * rcvbuf,
                    k.c(Constant.MSG_WAITALL) | k.c(Constant.MSG_PEEK), null, null);
            long took = System.nanoTime() - t0;
            bound.interrupt();
            bound.join(5000);
            peer.abort();
            c.abort();
            writer.join(5000);
            return new long[] {n, took, fired.get() ? 1 : 0};
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheBoundEndsTheWaitAndThePeekedBytesComeBack() throws Exception {
        long[] r = peekMoreThanTheBufferHolds(Kernel.host());
        assertEquals(1, r[2], "Linux's kernel did not wait this time: update the comment above");
        assertTrue(r[1] < BOUND_NANOS + 3_000_000_000L, "ended soon after the bound: " + r[1] / 1e9 + " s");
        assertTrue(r[0] > 0, "the bytes peeked before the bound came back: " + r[0]);
    }
}
