package org.kttcp4j.device;

import com.sun.jna.NativeLong;
import java.util.function.LongConsumer;
import org.kttcp4j.PublicApi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpIoArgs;
import org.kttcp4j.abi.KttcpLayout;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Rusage;

/**
 * NetBSD's kttcp(4) device: the kernel is the source (SEND) or the sink (RECV) of a connected TCP socket's
 * bytes, with no copies to user space. src: sys/dev/kttcp.c, sys/dev/kttcpio.h (docs/netbsd.md).
 *
 * <pre>{@code
 * try (KttcpDevice dev = KttcpDevice.open(Kernel.host())) {
 *     Transfer t = dev.send(socketFd, 1L << 30);
 * }
 * }</pre>
 */
@PublicApi
public final class KttcpDevice implements AutoCloseable {
    /** The device node kttcp(4) attaches to. */
    public static final String PATH = "/dev/kttcp";
    /** The most one SEND ioctl moves (docs/netbsd.md, "Kernel semantics"). */
    public static final long MAX_SEND = KttcpIoArgs.MAX_SEND;
    /** The most one RECV ioctl moves. */
    public static final long MAX_RECV = KttcpIoArgs.MAX_RECV;

    /** Which way the bytes go. */
    @PublicApi
    public enum Direction {
        /** The kernel is the source: it sends on the socket (KTTCP_IO_SEND). */
        SEND(MAX_SEND),
        /** The kernel is the sink: it receives from the socket (KTTCP_IO_RECV). */
        RECV(MAX_RECV);

        private final long max;

        Direction(long max) {
            this.max = max;
        }

        /**
         * The kernel's per-ioctl limit this way.
         * @return the most bytes, from sys/dev/kttcpio.h
         */
        public long max() {
            return max;
        }
    }

    /** How a transfer is cut into ioctls. */
    @PublicApi
    public enum Chunking {
        /** As few ioctls as the kernel's per-ioctl limit allows (the C tool's one ioctl). */
        LARGEST,
        /**
         * Ioctls sized to take about {@link #CHUNK_NANOS} at the rate measured so far: a deadline is kept,
         * and progress (interval lines, a stalled peer) is seen ten times a second.
         */
        TIMED
    }

    static final long FIRST_CHUNK = 8L << 20;
    static final long MIN_CHUNK = 256L << 10;
    static final long CHUNK_NANOS = 100_000_000L;

    private final Kernel kernel;
    private final Fd fd;
    private final KttcpLayout layout;

    private KttcpDevice(Kernel kernel, Fd fd, KttcpLayout layout) {
        this.kernel = kernel;
        this.fd = fd;
        this.layout = layout;
    }

    /**
     * Opens /dev/kttcp read-write (ioctl needs a descriptor open for writing, or it gives EPERM).
     * @param kernel the kernel to open it in: {@link Kernel#host()}, or a rump kernel
     * @return the open device; close it
     * @throws ErrnoException when it cannot be opened, with the likely fix in its message (modload kttcp, the node)
     */
    public static KttcpDevice open(Kernel kernel) throws ErrnoException {
        // The struct is checked first: a mismatch is an error here, never a garbage ioctl.
        KttcpLayout layout = KttcpLayout.ofThisPlatform().checked(System.getProperty("os.arch"));
        return open(kernel, Kernels.c(kernel, Constant.O_RDWR), layout);
    }

    /** Opens with other flags: tests use O_RDONLY to see the driver's EPERM. */
    static KttcpDevice open(Kernel kernel, int flags, KttcpLayout layout) throws ErrnoException {
        int r = Kernels.sys(kernel).open(PATH, flags, 0);
        if (r == -1) {
            throw DeviceErrors.explain(kernel.error("open " + PATH), kernel);
        }
        return new KttcpDevice(kernel, Fd.own(kernel, "open", r, PATH), layout);
    }

    /** The struct layout its ioctls use (internal: the abi package is not API). */
    KttcpLayout layout() {
        return layout;
    }

    /**
     * The kernel this device was opened in: the sockets given to it must be that kernel's.
     * @return the kernel
     */
    public Kernel kernel() {
        return kernel;
    }

    /** The device's own descriptor (tests hand it to the kernel as a non-socket). */
    int deviceDescriptor() {
        return fd.get();
    }

    /**
     * Sends exactly {@code bytes} from the kernel on a connected socket of this kernel, in as many ioctls as it
     * takes. A failure part way throws a PartialTransferException holding what was sent (its cause is the
     * ioctl's ErrnoException).
     * @param socket a connected TCP socket's descriptor in this device's kernel
     * @param bytes the count to send, not negative
     * @return what was sent, timed by the kernel
     * @throws PartialTransferException when an ioctl fails part way, with the bytes sent before
     */
    public Transfer send(int socket, long bytes) throws PartialTransferException {
        return transfer(Direction.SEND, socket, Budget.exactly(bytes), Chunking.LARGEST, b -> {});
    }

    /**
     * Receives up to {@code bytes} into the kernel; stops early, successfully, at the peer's EOF.
     * @param socket a connected TCP socket's descriptor in this device's kernel
     * @param bytes the most to receive, not negative
     * @return what was received, timed by the kernel
     * @throws PartialTransferException when an ioctl fails part way, with the bytes received before
     */
    public Transfer recv(int socket, long bytes) throws PartialTransferException {
        return transfer(Direction.RECV, socket, Budget.upTo(bytes), Chunking.LARGEST, b -> {});
    }

    /**
     * The one chunk loop: ioctls of at most the kernel's limit until the budget's bytes are moved, its deadline
     * has passed, or a receive meets the peer's EOF (an ioctl that moved fewer bytes than asked). Each ioctl's
     * bytes are told to progress as it completes. The elapsed time is the sum of the kernel's own
     * kio_elapsed; CPU time is the process's over the whole loop. A failed ioctl ends the loop with a
     * PartialTransferException that keeps every byte of the earlier ones.
     * @param dir which way the bytes go
     * @param socket a connected TCP socket's descriptor in this device's kernel
     * @param budget the bytes to move and the deadline, if any
     * @param chunking how the bytes are cut into ioctls
     * @param progress told each ioctl's bytes as it completes
     * @return what was moved: the kernel's time, the process's CPU, the ioctl count
     * @throws PartialTransferException when an ioctl fails, with the bytes of the earlier ones
     */
    public Transfer transfer(Direction dir, int socket, Budget budget, Chunking chunking, LongConsumer progress)
            throws PartialTransferException {
        if (budget.bytes() < 0) {
            throw new IllegalArgumentException("byte count " + budget.bytes() + " is negative");
        }
        CpuTime cpu0 = Rusage.self();
        long done = 0, nanos = 0, calls = 0;
        long chunk = chunking == Chunking.TIMED ? FIRST_CHUNK : dir.max();
        try {
            while (done < budget.bytes() && !budget.expired(System.nanoTime())) {
                long n = Math.min(Math.min(chunk, dir.max()), budget.bytes() - done);
                Transfer t = ioctl(dir, socket, n);
                done += t.bytes();
                nanos += t.elapsedNanos();
                calls++;
                progress.accept(t.bytes());
                if (t.bytes() < n) {
                    break; // the peer's EOF
                }
                if (chunking == Chunking.TIMED) {
                    chunk = nextChunk(done, nanos, budget.nanosLeft(System.nanoTime()));
                }
            }
        } catch (ErrnoException e) {
            throw new PartialTransferException(new Transfer(budget.requested(), done, nanos, Transfer.Clock.KERNEL,
                    Rusage.self().minus(cpu0), calls), e);
        }
        return new Transfer(budget.requested(), done, nanos, Transfer.Clock.KERNEL, Rusage.self().minus(cpu0), calls);
    }

    /** About 100 ms at the rate so far, and no more than what is left before the deadline. */
    static long nextChunk(long bytes, long nanos, long nanosLeft) {
        double rate = nanos <= 0 ? 0 : (double) bytes / nanos; // bytes per ns
        if (rate == 0) {
            return FIRST_CHUNK;
        }
        long target = (long) (rate * Math.min(CHUNK_NANOS, nanosLeft));
        return Math.max(MIN_CHUNK, target);
    }

    /**
     * One KTTCP_IO_SEND or KTTCP_IO_RECV of at most {@link Direction#max()} bytes.
     * @param dir which way the bytes go
     * @param socket a connected TCP socket's descriptor in this device's kernel
     * @param bytes the count to move, at most {@code dir.max()}
     * @return what the ioctl moved and the kernel's kio_elapsed
     * @throws ErrnoException when the ioctl fails
     */
    public Transfer ioctl(Direction dir, int socket, long bytes) throws ErrnoException {
        KttcpIoArgs args = new KttcpIoArgs();
        args.kio_totalsize = bytes;
        args.kio_socket = socket;
        args.kio_protovers = 0;
        args.write();
        long request = dir == Direction.SEND ? layout.sendRequest() : layout.recvRequest();
        CpuTime cpu0 = Rusage.self();
        int r = Kernels.sys(kernel).ioctl(fd.get(), new NativeLong(request), args.getPointer());
        if (r == -1) {
            throw DeviceErrors.explain(kernel.error("ioctl KTTCP_IO_" + dir + " (" + bytes + " bytes)"), kernel);
        }
        args.read();
        return new Transfer(bytes, args.kio_bytesdone, args.elapsedNanos(), Transfer.Clock.KERNEL,
                Rusage.self().minus(cpu0), 1);
    }

    @Override
    public void close() {
        fd.close();
    }
}
