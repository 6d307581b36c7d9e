package org.kttcp4j.engine;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.Errno;
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
    private final boolean poll;

    UserEngine(EngineConfig config) {
        this.kernel = config.kernel();
        this.bufferSize = config.bufferSize();
        this.waitAll = config.waitAll();
        this.poll = config.poll();
        this.transport = new NativeTransport(kernel);
    }

    @Override
    public String name() {
        return "user";
    }

    @Override
    public String describe() {
        return Units.binary(bufferSize) + " user buffer, "
                + (poll ? "send/recv MSG_DONTWAIT with poll(2)" : "read/write" + (waitAll ? " (MSG_WAITALL)" : ""));
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
            if (poll) {
                return polled(loop, sys, fd, buffer, send);
            }
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

    /**
     * iperf3's loops: each call is non-blocking (MSG_DONTWAIT, so the socket's own flags stay as they are), and
     * when one finds the socket not ready (EAGAIN) poll(2) waits until it is; iperf3 3.12 sets its data sockets
     * O_NONBLOCK and selects before each batch of writes or reads (esnet/iperf src/iperf_api.c, iperf_send and
     * iperf_recv; bench/README.md, "2026-12-02, 15:08": that loop shape is iperf3's edge on two CPUs). The wait is
     * the same as a blocking call's: a stall or Ctrl-C shuts the socket down, which ends the poll. The receiver's
     * clock starts at its first bytes.
     */
    private Transfer polled(TransferLoop loop, Syscalls sys, int fd, Pointer buffer, boolean send) throws IOException {
        int flags = Kernels.c(kernel, Constant.MSG_DONTWAIT) | (send ? Kernels.c(kernel, Constant.MSG_NOSIGNAL) : 0);
        int eagain = Kernels.abi(kernel).errno().require(Errno.EAGAIN);
        String what = send ? "send MSG_DONTWAIT" : "recv MSG_DONTWAIT";
        try (Memory pollfd = new Memory(Abi.POLLFD_SIZE)) {
            pollfd.clear();
            pollfd.setInt(0, fd);
            pollfd.setShort(Abi.POLLFD_EVENTS, (short) Kernels.c(kernel, send ? Constant.POLLOUT : Constant.POLLIN));
            return loop.run(bufferSize, n -> {
                int r = send ? sys.sendto(fd, buffer, (int) n, flags, null, 0)
                        : sys.recvfrom(fd, buffer, (int) n, flags, null, null);
                if (r >= 0 || sys.errno() != eagain) {
                    return TransferLoop.checked(kernel, r, what);
                }
                TransferLoop.checked(kernel, sys.poll(pollfd, 1, -1), "poll");
                return TransferLoop.AGAIN;
            });
        }
    }

    @Override
    public void awaitPeerEof(NativeConnection connection) throws IOException {
        TransferLoop.awaitEof(kernel, connection.fd().get());
    }
}
