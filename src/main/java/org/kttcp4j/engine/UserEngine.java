package org.kttcp4j.engine;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.net.NativeTransport.NativeConnection;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Syscalls;

/**
 * write(2) and read(2) through one native buffer, as ttcp and iperf3 do: every byte is copied between user space
 * and the kernel. With waitAll the receiver uses recv(2) with MSG_WAITALL for the whole buffer.
 */
final class UserEngine implements Engine<NativeConnection> {
    /** The buffer starts on a page: the kernel's copies run at their best on aligned memory. */
    static final int PAGE = 4096;

    private final Kernel kernel;
    private final int bufferSize;
    private final boolean waitAll;
    private final NativeTransport transport;

    UserEngine(EngineConfig config) {
        this.kernel = config.kernel();
        this.bufferSize = config.bufferSize();
        this.waitAll = config.waitAll();
        this.transport = new NativeTransport(kernel);
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String describe() {
        return Units.binary(bufferSize) + " user buffer, read/write" + (waitAll ? " (MSG_WAITALL)" : "");
    }

    @Override
    public NativeTransport transport() {
        return transport;
    }

    @Override
    public Transfer send(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        return move(connection, budget, progress, true);
    }

    @Override
    public Transfer receive(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        return move(connection, budget, progress, false);
    }

    private Transfer move(NativeConnection connection, Budget budget, Progress progress, boolean send) throws IOException {
        int fd = connection.fd().get();
        int flags = waitAll ? Kernels.c(kernel, Constant.MSG_WAITALL) : 0;
        Syscalls sys = Kernels.sys(kernel);
        TransferLoop loop = new TransferLoop(budget, !send, progress);
        try (Memory memory = new Memory(bufferSize + PAGE)) {
            Pointer buffer = memory.align(PAGE);
            buffer.setMemory(0, bufferSize, (byte) 0x5a);
            if (send) {
                return loop.run(bufferSize, n -> TransferLoop.checked(kernel, sys.write(fd, buffer, (int) n), "write"));
            }
            loop.awaitFirstByte(connection);
            if (waitAll) {
                return loop.run(bufferSize, n -> TransferLoop.checked(kernel,
                        sys.recvfrom(fd, buffer, (int) n, flags, null, null), "recv MSG_WAITALL"));
            }
            return loop.run(bufferSize, n -> TransferLoop.checked(kernel, sys.read(fd, buffer, (int) n), "read"));
        }
    }

    @Override
    public void awaitPeerEof(NativeConnection connection) throws IOException {
        TransferLoop.awaitEof(kernel, connection.fd().get());
    }
}
