package org.kttcp4j.engine;

import java.io.IOException;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.device.KttcpDevice;
import org.kttcp4j.device.KttcpDevice.Direction;
import org.kttcp4j.measure.CpuTime;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.net.NativeTransport.NativeConnection;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Rusage;

/**
 * NetBSD's kttcp(4): the kernel sources or sinks the bytes, one ioctl per chunk. A byte count is split at the
 * kernel's per-ioctl limit; a time-based run (or an open-ended receive) uses chunks sized to take about 100 ms at
 * the rate measured so far, so the deadline is kept and interval reports have data.
 */
public final class KttcpEngine implements Engine {
    static final long FIRST_CHUNK = 8L << 20;
    static final long MIN_CHUNK = 256L << 10;
    static final long CHUNK_NANOS = 100_000_000L;

    private final Kernel kernel;
    private final NativeTransport transport;
    private KttcpDevice device;

    public KttcpEngine(EngineConfig config) {
        this.kernel = config.kernel();
        this.transport = new NativeTransport(kernel);
    }

    /** Fails before any socket is made when the kernel cannot have kttcp at all. */
    public static void requireNetBsd(Kernel kernel) {
        if (kernel.abi() != Abi.netbsd()) {
            throw new UnsupportedOperationException("the kttcp engine needs NetBSD's kttcp(4) kernel device, and this"
                    + " kernel is " + System.getProperty("os.name") + ": use --engine user, splice or nio here,"
                    + " or run on NetBSD (see vagrant/) or in a NetBSD rump kernel (--kernel rump:DIR)");
        }
    }

    @Override
    public String name() {
        return "kttcp";
    }

    @Override
    public String describe() {
        return "kernel source/sink, ioctls on " + KttcpDevice.PATH
                + " of up to 2 GiB (about 100 ms each in timed runs)";
    }

    @Override
    public NativeTransport transport() {
        return transport;
    }

    private synchronized KttcpDevice device() throws ErrnoException {
        if (device == null) {
            requireNetBsd(kernel);
            device = KttcpDevice.open(kernel);
        }
        return device;
    }

    /** Opens the device now, so a missing device fails before the peer is contacted. */
    public void open() throws ErrnoException {
        device();
    }

    @Override
    public Transfer send(Connection connection, Budget budget, Progress progress) throws IOException {
        return move(Direction.SEND, connection, budget, progress);
    }

    @Override
    public Transfer receive(Connection connection, Budget budget, Progress progress) throws IOException {
        return move(Direction.RECV, connection, budget, progress);
    }

    private Transfer move(Direction dir, Connection connection, Budget budget, Progress progress) throws IOException {
        KttcpDevice dev = device();
        int socket = ((NativeConnection) connection).fd().get();
        boolean adaptive = budget.timed() || budget.bytes() == Long.MAX_VALUE;
        if (!adaptive) {
            return dev.transfer(dir, socket, budget.bytes(), chunk -> {
                progress.moved(chunk.bytes());
                return true;
            });
        }
        long max = dir == Direction.SEND ? KttcpDevice.MAX_SEND : KttcpDevice.MAX_RECV;
        CpuTime cpu0 = Rusage.self();
        long bytes = 0, nanos = 0, calls = 0;
        long chunk = FIRST_CHUNK;
        try {
            while (bytes < budget.bytes()) {
                long now = System.nanoTime();
                if (budget.expired(now)) {
                    break;
                }
                long n = Math.min(Math.min(chunk, max), budget.bytes() - bytes);
                Transfer t = dev.ioctl(dir, socket, n);
                bytes += t.bytes();
                nanos += t.elapsedNanos();
                calls++;
                progress.moved(t.bytes());
                if (t.bytes() < n) {
                    break; // the peer's EOF
                }
                chunk = nextChunk(bytes, nanos, budget.nanosLeft(System.nanoTime()));
            }
        } catch (ErrnoException e) {
            Transfer partial = new Transfer(budget.bytes(), bytes, nanos, Transfer.Clock.KERNEL,
                    Rusage.self().minus(cpu0), calls);
            throw new PartialTransferException(partial, e);
        }
        return new Transfer(budget.bytes(), bytes, nanos, Transfer.Clock.KERNEL, Rusage.self().minus(cpu0), calls);
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

    @Override
    public synchronized void close() {
        if (device != null) {
            device.close();
            device = null;
        }
    }
}
