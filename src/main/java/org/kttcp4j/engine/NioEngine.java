package org.kttcp4j.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.JdkTransport;
import org.kttcp4j.net.JdkTransport.JdkConnection;
import org.kttcp4j.posix.Kernel;

/**
 * Pure Java: a blocking SocketChannel and one direct ByteBuffer, the way a Java application moves bytes. The
 * data path uses no JNA (the JDK's own native code does the system calls), so this engine runs wherever Java
 * does.
 */
public final class NioEngine implements Engine {
    private final int bufferSize;
    private final JdkTransport transport = new JdkTransport();

    public NioEngine(EngineConfig config) {
        requireHostKernel(config);
        this.bufferSize = config.bufferSize();
    }

    /**
     * Fails at once when --kernel names another kernel than the host's (a rump kernel's): the JDK's sockets are
     * always the host's, so this engine would silently measure the wrong TCP stack. Where kttcp4j has no
     * system-call table for the host, the host kernel cannot be made, and the JDK's sockets are the host's.
     */
    static void requireHostKernel(EngineConfig config) {
        Kernel kernel;
        try {
            kernel = config.kernel();
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (!kernel.name().equals("host")) {
            throw new UnsupportedOperationException("the nio engine uses the JDK's sockets, which are the host's,"
                    + " and --kernel is " + kernel.name() + ": use --engine kttcp or user in that kernel");
        }
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public String describe() {
        return Units.binary(bufferSize) + " direct ByteBuffer, SocketChannel";
    }

    @Override
    public JdkTransport transport() {
        return transport;
    }

    /** A direct buffer starting on a page, as the user engine's (UserEngine.PAGE). */
    private ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(bufferSize + UserEngine.PAGE).alignedSlice(UserEngine.PAGE).limit(bufferSize);
    }

    @Override
    public Transfer send(Connection connection, Budget budget, Progress progress) throws IOException {
        SocketChannel ch = ((JdkConnection) connection).channel();
        ByteBuffer buf = buffer();
        TransferLoop loop = new TransferLoop(budget);
        try {
            buf.limit(0);
            while (loop.more()) {
                if (!buf.hasRemaining()) {
                    buf.clear();
                    buf.limit((int) Math.min(bufferSize, loop.left()));
                }
                int n = ch.write(buf);
                loop.call();
                loop.moved(n, progress);
            }
        } catch (IOException e) {
            throw new PartialTransferException(loop.result(), e);
        }
        return loop.result();
    }

    @Override
    public Transfer receive(Connection connection, Budget budget, Progress progress) throws IOException {
        SocketChannel ch = ((JdkConnection) connection).channel();
        ByteBuffer buf = buffer();
        TransferLoop loop = new TransferLoop(budget);
        try {
            while (loop.more()) {
                buf.clear();
                buf.limit((int) Math.min(bufferSize, loop.left()));
                int n = ch.read(buf);
                loop.call();
                if (n < 0) {
                    break; // the peer's EOF
                }
                loop.moved(n, progress);
            }
        } catch (IOException e) {
            throw new PartialTransferException(loop.result(), e);
        }
        return loop.result();
    }
}
