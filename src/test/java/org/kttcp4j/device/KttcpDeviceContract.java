package org.kttcp4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpLayout;
import java.time.Duration;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.net.AbortHook;

/**
 * What kttcp(4) does, checked against a real NetBSD kernel: the host on NetBSD (tag netbsd, run in the VMs), or
 * NetBSD's own kernel code in a rump kernel (tag rump). Facts: docs/netbsd.md, "Kernel semantics".
 */
abstract class KttcpDeviceContract {
    abstract Kernel kernel();

    private RunResult loopback(long bytes) throws Exception {
        return Run.loopback().kernel(kernel()).engine("kttcp").bytes(bytes).family(Family.V4).build()
                .execute(RunListener.NONE).last().orElseThrow();
    }

    @Test
    void sendAndReceiveOneMebibyte() throws Exception {
        assertMoved(1L << 20);
    }

    @Test
    void sendAndReceiveHundredMebibytes() throws Exception {
        assertMoved(100L << 20);
    }

    @Test
    void threeGibibytesTakeSeveralIoctls() throws Exception {
        assertMoved(3L << 30);
        // the device's own API cuts at the kernel's limit only: 3 GiB is two SEND ioctls of at most 2^31-2 bytes
        Kernel k = kernel();
        NativeTransport t = new NativeTransport(k);
        try (var a = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false);
                var c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                var server = a.accept(); KttcpDevice tx = KttcpDevice.open(k); KttcpDevice rx = KttcpDevice.open(k)) {
            java.util.concurrent.FutureTask<Transfer> got = new java.util.concurrent.FutureTask<>(
                    () -> rx.recv(server.fd().get(), 4L << 30));
            new Thread(got).start();
            Transfer sent = tx.send(c.fd().get(), 3L << 30);
            c.shutdownOutput();
            assertEquals(2, sent.calls());
            assertEquals(3L << 30, sent.bytes());
            Transfer received = got.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(3L << 30, received.bytes());
            // kttcp.c's kttcp_recv loops until its count, an error or EOF: 2^31-1, then the rest and the EOF
            assertEquals(2, received.calls(), "2^31-1, then the rest ended by the EOF");
        }
    }

    private RunResult assertMoved(long n) throws Exception {
        RunResult r = loopback(n);
        Transfer sent = r.sides().get(0).transfer();
        Transfer got = r.sides().get(1).transfer();
        assertEquals(n, sent.bytes());
        assertEquals(n, got.bytes());
        assertEquals(Transfer.Clock.KERNEL, sent.clock());
        // the kernel's clock may tick in 10 ms steps (HZ 100, and a rump kernel's): small runs can read 0
        assertTrue(sent.elapsedNanos() > 0 || n < (64L << 20), "the kernel timed its loop");
        assertEquals(r.sides().get(0).transfer().figures().bitsPerSecond(),
                Figures.bitsPerSecond(n, sent.elapsedNanos()));
        return r;
    }

    @Test
    void aReadOnlyDescriptorGivesEperm() throws Exception {
        Kernel k = kernel();
        try (KttcpDevice d = KttcpDevice.open(k, Kernels.c(k, Constant.O_RDONLY), KttcpLayout.ofThisPlatform());
                Fd s = socket(k)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> d.ioctl(KttcpDevice.Direction.SEND, s.get(), 1));
            assertEquals("EPERM", e.errnoName());
            assertTrue(e.getMessage().contains("read-write"), e.getMessage());
        }
    }

    @Test
    void overTheSendLimitIsEinvalButRecvTakesOneMore() throws Exception {
        Kernel k = kernel();
        try (KttcpDevice d = KttcpDevice.open(k); Fd s = socket(k)) {
            ErrnoException send = assertThrows(ErrnoException.class,
                    () -> d.ioctl(KttcpDevice.Direction.SEND, s.get(), KttcpDevice.MAX_SEND + 1));
            assertEquals("EINVAL", send.errnoName());
            // RECV of 0x7fffffff passes the size check (its test is >), so the unconnected socket is what fails
            ErrnoException recv = assertThrows(ErrnoException.class,
                    () -> d.ioctl(KttcpDevice.Direction.RECV, s.get(), KttcpDevice.MAX_RECV));
            assertEquals("ENOTCONN", recv.errnoName());
        }
    }

    @Test
    void theDevicesOwnDescriptorIsNotASocket() throws Exception {
        try (KttcpDevice d = KttcpDevice.open(kernel())) {
            int own = d.deviceDescriptor();
            ErrnoException e = assertThrows(ErrnoException.class, () -> d.ioctl(KttcpDevice.Direction.SEND, own, 1));
            assertEquals("ENOTSOCK", e.errnoName());
            assertEquals(Kernels.abi(kernel()).errno().number("ENOTSOCK").getAsInt(), e.errno());
        }
    }

    @Test
    void aClosedDescriptorIsEbadf() throws Exception {
        Kernel k = kernel();
        // the device is opened first, so the socket's number stays free once it is closed
        try (KttcpDevice d = KttcpDevice.open(k)) {
            int closed;
            try (Fd s = socket(k)) {
                closed = s.get();
            }
            ErrnoException e = assertThrows(ErrnoException.class, () -> d.ioctl(KttcpDevice.Direction.RECV, closed, 1));
            assertEquals("EBADF", e.errnoName());
        }
    }

    @Test
    void anUnconnectedSocketIsEnotconn() throws Exception {
        Kernel k = kernel();
        try (KttcpDevice d = KttcpDevice.open(k); Fd s = socket(k)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> d.ioctl(KttcpDevice.Direction.SEND, s.get(), 1));
            assertEquals("ENOTCONN", e.errnoName());
            assertEquals(57, e.errno(), "NetBSD's number, whatever the host");
        }
    }

    @Test
    void aReceiveEndsSuccessfullyAtThePeersEof() throws Exception {
        Kernel k = kernel();
        NativeTransport t = new NativeTransport(k);
        try (var a = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false);
                var c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                var server = a.accept(); KttcpDevice d = KttcpDevice.open(k)) {
            d.send(c.fd().get(), 1000);
            c.shutdownOutput();
            Transfer got = d.recv(server.fd().get(), 1L << 20);
            assertEquals(1000, got.bytes());
            assertTrue(!got.partial(), "recv takes up to its count: the peer's EOF before it is complete");
            assertEquals(1000, got.calls() == 1 ? got.bytes() : -1, "one ioctl, ended by the EOF");
        }
    }

    @Test
    void aFailedIoctlKeepsWhatEarlierOnesMoved() throws Exception {
        Kernel k = kernel();
        NativeTransport t = new NativeTransport(k);
        try (var a = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false);
                var c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                KttcpDevice d = KttcpDevice.open(k)) {
            var server = a.accept();
            // the receiver takes 64 MiB, then closes with data unread (a reset): a timed-chunk send of 3 GiB fails
            // part way, and the ioctls before the failed one are kept (a failed ioctl copies nothing back)
            Thread peer = new Thread(() -> {
                try (server) {
                    d.recv(server.fd().get(), 64L << 20);
                } catch (Exception ignored) {
                    // the sender's report is what is checked
                }
            });
            peer.start();
            PartialTransferException e = assertThrows(PartialTransferException.class, () -> d.transfer(
                    KttcpDevice.Direction.SEND, c.fd().get(), Budget.exactly(3L << 30),
                    KttcpDevice.Chunking.TIMED, b -> {}));
            peer.join(10_000);
            // at least the first 8 MiB ioctl completed before the reset (how many more depends on the rate)
            assertTrue(e.partial().bytes() >= KttcpDevice.FIRST_CHUNK && e.partial().calls() >= 1, "kept: " + e.partial());
            assertTrue(e.partial().bytes() < 3L << 30, "kept: " + e.partial());
            assertTrue(e.partial().partial());
            assertTrue(e.getCause() instanceof ErrnoException, String.valueOf(e.getCause()));
        }
    }

    static Fd socket(Kernel k) throws ErrnoException {
        return Fd.own(k, "socket", Kernels.sys(k).socket(Kernels.c(k, Constant.AF_INET), Kernels.c(k, Constant.SOCK_STREAM), 0), "socket");
    }
}
