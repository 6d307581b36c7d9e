package org.kttcp4j.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.net.JdkTransport;
import org.kttcp4j.net.JdkTransport.JdkConnection;

/**
 * Pure Java: a blocking SocketChannel and one direct ByteBuffer, the way a Java application moves bytes. The
 * data path uses no JNA (the JDK's own native code does the system calls), so this engine runs wherever Java
 * does.
 */
final class NioEngine implements Engine<JdkConnection> {
    private final int bufferSize;
    private final JdkTransport transport = new JdkTransport();

    NioEngine(EngineConfig config) {
        this.bufferSize = config.bufferSize();
        // The JDK's sockets are the host's: on another kernel (a rump kernel) this engine would measure the wrong stack.
        config.chosenKernel().ifPresent(k -> Engines.requireHostKernel("nio", k,
                "it uses the JDK's sockets, which are the host's; use `engine` kttcp or user there"));
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
    public Transfer send(JdkConnection connection, Budget budget, Progress progress) throws IOException {
        SocketChannel ch = connection.channel();
        ByteBuffer buf = buffer();
        TransferLoop loop = new TransferLoop(budget, false, progress);
        buf.limit(0);
        return loop.run(bufferSize, n -> {
            if (!buf.hasRemaining()) {
                buf.clear();
                buf.limit((int) n);
            }
            return ch.write(buf); // blocking: at least one byte
        });
    }

    @Override
    public Transfer receive(JdkConnection connection, Budget budget, Progress progress) throws IOException {
        SocketChannel ch = connection.channel();
        ByteBuffer buf = buffer();
        TransferLoop loop = new TransferLoop(budget, true, progress);
        return loop.run(bufferSize, n -> {
            buf.clear();
            buf.limit((int) n);
            int r = ch.read(buf); // blocking: at least one byte, or -1 at the peer's EOF
            return r < 0 ? 0 : r;
        });
    }
}
