package org.kttcp4j.engine;

import java.io.IOException;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.device.KttcpDevice;
import org.kttcp4j.device.KttcpDevice.Chunking;
import org.kttcp4j.device.KttcpDevice.Direction;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.net.NativeTransport.NativeConnection;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;

/**
 * NetBSD's kttcp(4): the kernel sources or sinks the bytes, in ioctls sized to take about 100 ms each
 * ({@link Chunking#TIMED}), so a deadline is kept, interval reports have data and a stalled peer is seen.
 */
final class KttcpEngine implements Engine<NativeConnection> {
    private final Kernel kernel;
    private final NativeTransport transport;
    private KttcpDevice device;

    KttcpEngine(EngineConfig config) {
        this.kernel = config.kernel();
        if (Kernels.abi(kernel) != Abi.netbsd()) {
            throw new UnsupportedOperationException("the kttcp engine needs NetBSD's kttcp(4) kernel device, and this"
                    + " kernel is " + System.getProperty("os.name") + ": use `engine` user, splice or nio here,"
                    + " or run on NetBSD (see vagrant/) or in a NetBSD rump kernel (`kernel` rump:DIR)");
        }
        this.transport = new NativeTransport(kernel);
    }

    @Override
    public String name() {
        return "kttcp";
    }

    @Override
    public String describe() {
        return "kernel source/sink, ioctls on " + KttcpDevice.PATH + " of about 100 ms each";
    }

    @Override
    public NativeTransport transport() {
        return transport;
    }

    /** Opens the device now, so a missing device fails before the peer is contacted. */
    @Override
    public synchronized void prepare() throws ErrnoException {
        if (device == null) {
            device = KttcpDevice.open(kernel);
        }
    }

    @Override
    public Transfer send(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        return move(Direction.SEND, connection, budget, progress);
    }

    @Override
    public Transfer receive(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        return move(Direction.RECV, connection, budget, progress);
    }

    private Transfer move(Direction dir, NativeConnection connection, Budget budget, Progress progress)
            throws IOException {
        prepare();
        progress.started(); // the kernel's clock runs inside the ioctls that follow
        try {
            return device.transfer(dir, connection.fd().get(), budget, Chunking.TIMED, progress::moved);
        } finally {
            progress.ended(System.nanoTime());
        }
    }

    @Override
    public synchronized void close() {
        if (device != null) {
            device.close();
            device = null;
        }
    }

    @Override
    public void awaitPeerEof(NativeConnection connection) throws IOException {
        TransferLoop.awaitEof(kernel, connection.fd().get());
    }
}
