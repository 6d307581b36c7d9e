package org.kttcp4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpLayout;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.KttcpEngine;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;

/**
 * What kttcp(4) does, checked against a real NetBSD kernel: the host on NetBSD (tag netbsd, run in the VMs), or
 * NetBSD's own kernel code in a rump kernel (tag rump). Facts: ../shared/netbsd-abi.md, "Kernel semantics".
 */
abstract class KttcpDeviceContract {
    abstract Kernel kernel();

    private RunResult loopback(long bytes) throws Exception {
        EngineConfig cfg = new EngineConfig(this::kernel, EngineConfig.DEFAULT_BUFFER, false);
        RunSettings s = new RunSettings("kttcp", "kttcp", bytes, null, 0, EngineConfig.DEFAULT_BUFFER, false,
                Family.V4, 0, null);
        try (KttcpEngine tx = new KttcpEngine(cfg); KttcpEngine rx = new KttcpEngine(cfg)) {
            return Runs.loopback(s, tx, rx, kernel().name());
        }
    }

    @Test
    void theDeviceOpens() throws Exception {
        try (KttcpDevice d = KttcpDevice.open(kernel())) {
            assertEquals(KttcpLayout.expectedSize(System.getProperty("os.arch")), d.layout().size());
        }
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
        RunResult r = assertMoved(3L << 30);
        Transfer sent = r.sides().get(0).transfer();
        assertEquals(2, sent.calls(), "3 GiB is two SEND ioctls of at most 2^31-2 bytes");
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
        return r;
    }

    @Test
    void aReadOnlyDescriptorGivesEperm() throws Exception {
        Kernel k = kernel();
        try (KttcpDevice d = KttcpDevice.open(k, k.c(Constant.O_RDONLY), KttcpLayout.ofThisPlatform());
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
            assertEquals(kernel().abi().errno().number("ENOTSOCK").getAsInt(), e.errno());
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
                var c = t.connect(a.local()); var server = a.accept(); KttcpDevice d = KttcpDevice.open(k)) {
            d.send(c.fd().get(), 1000);
            c.shutdownOutput();
            Transfer got = d.recv(server.fd().get(), 1L << 20);
            assertEquals(1000, got.bytes());
            assertTrue(got.partial());
        }
    }

    static Fd socket(Kernel k) throws ErrnoException {
        return Fd.own(k, "socket", k.sys().socket(k.c(Constant.AF_INET), k.c(Constant.SOCK_STREAM), 0), "socket");
    }
}
