package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.posix.Kernel;

/**
 * recv(2) with MSG_WAITALL|MSG_PEEK asking for more than the receive buffer can ever hold: nothing may wait
 * forever. NetBSD's MSG_WAITALL work returns what is there (its NetBSD twin runs in the VMs); Linux waits for
 * data that cannot come (the window is closed by the very bytes being peeked at: observed here), so there it is
 * kttcp4j's bound, a shutdown from another thread, that ends the call, with the peeked bytes intact.
 */
class WaitAllPeekTest {
    static final long BOUND_NANOS = 2_000_000_000L;

    /** Returns {bytes returned, nanoseconds taken, 1 if the bound fired}. */
    static long[] peekMoreThanTheBufferHolds(Kernel k) throws Exception {
        NativeTransport t = new NativeTransport(k);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (var a = t.listen(new InetSocketAddress(lo, 0), 1, false); Socket peer = new Socket(lo, a.local().getPort());
                var c = a.accept(); Memory buf = new Memory(8L << 20)) {
            c.setReceiveBufferSize(64 * 1024);
            int rcvbuf = c.receiveBufferSize();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    out.write(new byte[4 * rcvbuf]); // more than fits: the writer blocks until the socket closes
                } catch (Exception ignored) {
                    // ends when the test closes the connection
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
            peer.close();
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
