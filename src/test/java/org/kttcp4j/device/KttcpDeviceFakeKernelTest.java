package org.kttcp4j.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpLayout;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.AbortHook;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.testing.FakeNetBsdKernel;
import org.kttcp4j.testing.FakeNetBsdKernel.IoctlCall;
import org.kttcp4j.testing.FakeNetBsdKernel.Reply;
import org.kttcp4j.testing.Repo;

/**
 * KttcpDevice on the fake NetBSD kernel, its replies scripted: what kttcp4j asks the kernel (request numbers, the
 * struct's bytes, how a transfer is cut into ioctls) and what it makes of the answers (counts, the kernel's
 * elapsed time, EOF, errors on the first and on a later ioctl, and the hint each errno gets).
 */
class KttcpDeviceFakeKernelTest {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;

    private final FakeNetBsdKernel fake = new FakeNetBsdKernel();
    private final Kernel k = fake.kernel();
    private NativeTransport.NativeAcceptor acceptor;
    private NativeTransport.NativeConnection client;
    private NativeTransport.NativeConnection server;
    private KttcpDevice dev;

    @BeforeEach
    void connectedPair() throws Exception {
        NativeTransport t = new NativeTransport(k);
        acceptor = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false);
        client = t.connect(acceptor.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
        server = acceptor.accept();
        dev = KttcpDevice.open(k);
    }

    @AfterEach
    void close() {
        dev.close();
        server.close();
        client.close();
        acceptor.close();
        assertEquals(0, fake.openDevices(), "the device's descriptor is closed");
    }

    @Test
    void oneSendIsTheLp64RequestWithTheStructAsTheKernelReadsIt() throws Exception {
        fake.script(c -> Reply.moved(c.totalSize(), 1_234_567));
        int s = client.fd().get();
        Transfer t = dev.send(s, 1000);
        IoctlCall c = fake.calls().get(0);
        assertEquals(0xc0284b00L, c.request(), "_IOWR('K', 0, struct kttcp_io_args) with sizeof 40");
        ByteBuffer b = ByteBuffer.wrap(c.struct()).order(ByteOrder.nativeOrder());
        assertEquals(40, c.struct().length);
        assertEquals(1000, b.getLong(0), "kio_totalsize at offset 0");
        assertEquals(0, b.getLong(8), "kio_bytesdone: an out field, sent as 0");
        assertEquals(0, b.getLong(16), "kio_elapsed.tv_sec");
        assertEquals(0, b.getInt(24), "kio_elapsed.tv_usec");
        assertEquals(s, b.getInt(32), "kio_socket at offset 32");
        assertEquals(0, b.getInt(36), "kio_protovers: never read, sent as 0");
        assertEquals(1000, t.bytes());
        assertEquals(1_234_567_000L, t.elapsedNanos(), "the kernel's kio_elapsed, 1 s 234567 us");
        assertEquals(Transfer.Clock.KERNEL, t.clock());
        assertEquals(1, t.calls());
        assertFalse(t.partial());

        dev.recv(server.fd().get(), 77);
        assertEquals(0xc0284b01L, fake.calls().get(1).request(), "_IOWR('K', 1, ...)");
        assertEquals(server.fd().get(), ByteBuffer.wrap(fake.calls().get(1).struct()).order(ByteOrder.nativeOrder()).getInt(32));
    }

    @Test
    void largestChunkingCutsAtTheKernelsLimitsEachWay() throws Exception {
        fake.script(c -> Reply.moved(c.totalSize(), 500_000));
        Transfer sent = dev.send(client.fd().get(), 5 * GIB);
        assertEquals(List.of(2147483646L, 2147483646L, 5 * GIB - 2 * 2147483646L), sizes(fake.calls(true)),
                "SEND takes at most 2^31-2 (kttcp.c: >= 0x7fffffff is EINVAL)");
        assertEquals(5 * GIB, sent.bytes());
        assertEquals(3, sent.calls());
        assertEquals(1_500_000_000L, sent.elapsedNanos(), "the sum of the kernel's elapsed times");
        Transfer got = dev.recv(server.fd().get(), 5 * GIB);
        assertEquals(List.of(2147483647L, 2147483647L, 5 * GIB - 2 * 2147483647L), sizes(fake.calls(false)),
                "RECV takes at most 2^31-1 (kttcp.c: > 0x7fffffff is EINVAL)");
        assertEquals(5 * GIB, got.bytes());
    }

    @Test
    void aShortReceiveIsThePeersEofAndEndsTheLoop() throws Exception {
        fake.script(c -> Reply.moved(4 * MIB, 1000));
        Transfer got = dev.recv(server.fd().get(), 3 * GIB);
        assertEquals(4 * MIB, got.bytes());
        assertEquals(1, got.calls(), "no ioctl after the EOF");
        assertFalse(got.partial(), "recv takes up to its count");
        Transfer exact = dev.transfer(KttcpDevice.Direction.RECV, server.fd().get(), Budget.exactly(10 * MIB),
                KttcpDevice.Chunking.LARGEST, b -> {});
        assertTrue(exact.partial(), "an exact count cut short by EOF is partial");
        assertEquals(10 * MIB, exact.requested());
    }

    @Test
    void anErrorOnTheFirstIoctlIsAPartialTransferOfNothing() {
        fake.script(c -> Reply.error("ECONNRESET"));
        PartialTransferException e = assertThrows(PartialTransferException.class, () -> dev.send(client.fd().get(), 1000));
        assertEquals(0, e.partial().bytes());
        assertEquals(0, e.partial().calls());
        assertEquals(1000, e.partial().requested());
        ErrnoException cause = assertInstanceOf(ErrnoException.class, e.getCause());
        assertEquals(54, cause.errno(), "NetBSD's ECONNRESET");
        assertEquals("ioctl KTTCP_IO_SEND (1000 bytes): ECONNRESET (54) Connection reset by peer: the peer closed the"
                + " connection after 0 bytes", e.getMessage());
    }

    @Test
    void anErrorOnALaterIoctlKeepsTheBytesOfTheEarlierOnes() {
        // a fixed-byte send of 3 GiB: the first ioctl sends 2^31-2, the second fails
        fake.script(c -> c.nth() == 1 ? Reply.moved(c.totalSize(), 2_000_000) : Reply.error("EPIPE"));
        PartialTransferException e = assertThrows(PartialTransferException.class,
                () -> dev.send(client.fd().get(), 3 * GIB));
        Transfer kept = e.partial();
        assertEquals(2147483646L, kept.bytes(), "the first ioctl's bytes are kept");
        assertEquals(3 * GIB, kept.requested());
        assertTrue(kept.partial());
        assertEquals(1, kept.calls());
        assertEquals(2_000_000_000L, kept.elapsedNanos(), "and its kernel time");
        assertEquals("ioctl KTTCP_IO_SEND (1073741826 bytes): EPIPE (32) Broken pipe: the peer closed the connection"
                + " after 2147483646 bytes", e.getMessage());
        assertEquals(2, fake.calls().size());
    }

    @Test
    void timedChunksAimAtATenthOfASecondAtTheKernelsRate() throws Exception {
        // the kernel moves 100 MiB/s: 8 MiB first, then about 100 ms worth (10 MiB), then what is left
        fake.script(c -> Reply.moved(c.totalSize(), c.totalSize() * 1_000_000 / (100 * MIB)));
        List<Long> progress = new ArrayList<>();
        Transfer t = dev.transfer(KttcpDevice.Direction.SEND, client.fd().get(), Budget.exactly(30 * MIB),
                KttcpDevice.Chunking.TIMED, progress::add);
        List<Long> sizes = sizes(fake.calls(true));
        assertEquals(4, sizes.size(), sizes.toString());
        assertEquals(8 * MIB, sizes.get(0));
        assertEquals(10 * MIB, sizes.get(1), 2.0);
        assertEquals(10 * MIB, sizes.get(2), 2.0);
        assertEquals(30 * MIB, sizes.stream().mapToLong(Long::longValue).sum());
        assertEquals(sizes, progress, "each ioctl's bytes are told as it completes");
        assertEquals(30 * MIB, t.bytes());
        assertEquals(300_000_000L, t.elapsedNanos(), 10_000.0);
    }

    @Test
    void timedChunksKeepADeadlineThatOneLargestIoctlWouldMissByTwoSeconds() throws Exception {
        // a kernel that really takes its time: 1 GB/s, the ioctl returns when its bytes would be sent
        fake.script(c -> {
            long micros = c.totalSize() / 1000;
            sleepMicros(micros);
            return Reply.moved(c.totalSize(), micros);
        });
        long t0 = System.nanoTime();
        Transfer t = dev.transfer(KttcpDevice.Direction.SEND, client.fd().get(), Budget.of(Duration.ofMillis(300)),
                KttcpDevice.Chunking.TIMED, b -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        long largest = sizes(fake.calls(true)).stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(largest <= 110_000_000L, "no ioctl takes much more than 100 ms: " + largest + " bytes");
        assertTrue(seconds >= 0.3 && seconds < 1.5, "a 300 ms run took " + seconds + " s");
        assertFalse(t.partial(), "a timed run expects no count");
        assertEquals(Transfer.OPEN, t.requested());
    }

    @Test
    void theKernelsChecksComeBackWithWhatToDo() throws Exception {
        // kttcp.c answers EPERM to a descriptor not open for writing
        try (KttcpDevice ro = KttcpDevice.open(k, Kernels.c(k, Constant.O_RDONLY), KttcpLayout.ofThisPlatform())) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> ro.ioctl(KttcpDevice.Direction.SEND, client.fd().get(), 1));
            assertEquals("ioctl KTTCP_IO_SEND (1 bytes): EPERM (1) Operation not permitted: the descriptor must be open"
                    + " for writing: open /dev/kttcp read-write, as root", e.getMessage());
        }
        ErrnoException einval = assertThrows(ErrnoException.class,
                () -> dev.ioctl(KttcpDevice.Direction.SEND, client.fd().get(), 2147483647L));
        assertEquals("ioctl KTTCP_IO_SEND (2147483647 bytes): EINVAL (22) Invalid argument: the kernel refused the"
                + " request: over its per-ioctl limit (2147483646 to send, 2147483647 to receive) or a request number"
                + " this kernel's kttcp does not know (a struct size mismatch)", einval.getMessage());
        ErrnoException enotsock = assertThrows(ErrnoException.class,
                () -> dev.ioctl(KttcpDevice.Direction.RECV, dev.deviceDescriptor(), 1));
        assertEquals("ioctl KTTCP_IO_RECV (1 bytes): ENOTSOCK (38) Socket operation on non-socket: kio_socket is not"
                + " a socket", enotsock.getMessage());
        int closed;
        try (Fd s = Fd.own(k, "socket", Kernels.sys(k).socket(Kernels.c(k, Constant.AF_INET), Kernels.c(k, Constant.SOCK_STREAM), 0), "s")) {
            closed = s.get();
            ErrnoException enotconn = assertThrows(ErrnoException.class,
                    () -> dev.ioctl(KttcpDevice.Direction.SEND, closed, 1));
            assertEquals("ioctl KTTCP_IO_SEND (1 bytes): ENOTCONN (57) Socket is not connected: the socket is not"
                    + " connected", enotconn.getMessage());
        }
        ErrnoException ebadf = assertThrows(ErrnoException.class, () -> dev.ioctl(KttcpDevice.Direction.RECV, closed, 1));
        assertEquals("ioctl KTTCP_IO_RECV (1 bytes): EBADF (9) Bad file descriptor: kio_socket is not an open"
                + " descriptor of this process", ebadf.getMessage());
        fake.script(c -> Reply.error("ENOTTY"));
        ErrnoException enotty = assertThrows(ErrnoException.class, () -> dev.ioctl(KttcpDevice.Direction.SEND, client.fd().get(), 1));
        assertEquals("ioctl KTTCP_IO_SEND (1 bytes): ENOTTY (25) Inappropriate ioctl for device: the descriptor the"
                + " ioctl went to is not /dev/kttcp", enotty.getMessage());
    }

    @Test
    void aKernelWithoutTheDeviceSaysHowToGetIt() {
        ErrnoException enxio = assertThrows(ErrnoException.class, () -> KttcpDevice.open(fake.openFails("ENXIO").kernel()));
        assertEquals("open /dev/kttcp: ENXIO (6) Device not configured: the running kernel has no kttcp driver: load"
                + " kttcp4j's module as root with `sh native/module/kttcp-module.sh` (in kttcp4j's sources: builds it"
                + " for this release, modload, MAKEDEV; --install makes it autoload), or `modload kttcp` where it is"
                + " installed; a kernel without options MODULAR needs `pseudo-device kttcp` instead"
                + " (vagrant/provision/kernel.sh builds one)", enxio.getMessage());
        ErrnoException enodev = assertThrows(ErrnoException.class, () -> KttcpDevice.open(fake.openFails("ENODEV").kernel()));
        assertEquals("open /dev/kttcp: ENODEV (19) Operation not supported by device: " + enxio.hint(),
                enodev.getMessage(), "ENODEV: the same advice");
        assertTrue(Files.isRegularFile(Repo.path("native/module/kttcp-module.sh")),
                "the script the message names exists");
        assertTrue(Files.isRegularFile(Repo.path("vagrant/provision/kernel.sh")),
                "the fallback the message names exists");
        ErrnoException enoent = assertThrows(ErrnoException.class, () -> KttcpDevice.open(fake.openFails("ENOENT").kernel()));
        assertEquals("open /dev/kttcp: ENOENT (2) No such file or directory: there is no device node; create it as"
                + " root: cd /dev && sh MAKEDEV kttcp", enoent.getMessage());
        ErrnoException eacces = assertThrows(ErrnoException.class, () -> KttcpDevice.open(fake.openFails("EACCES").kernel()));
        assertEquals("open /dev/kttcp: EACCES (13) Permission denied: /dev/kttcp is mode 0600 root:wheel: run as root"
                + " or give your user write access", eacces.getMessage());
        fake.openFails(null);
    }

    @Test
    void aNegativeCountIsRefusedBeforeAnyIoctl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.send(client.fd().get(), -1));
        assertEquals("byte count -1 is negative", e.getMessage());
        assertTrue(fake.calls().isEmpty());
    }

    static List<Long> sizes(List<IoctlCall> calls) {
        return calls.stream().map(IoctlCall::totalSize).toList();
    }

    static void sleepMicros(long micros) {
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
