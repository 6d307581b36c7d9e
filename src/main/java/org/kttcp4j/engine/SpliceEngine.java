package org.kttcp4j.engine;

import java.io.IOException;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.net.NativeTransport;
import org.kttcp4j.net.NativeTransport.NativeConnection;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.LinuxCalls;
import org.kttcp4j.posix.Syscalls;

/**
 * Linux's kernel as source and sink, the nearest thing to kttcp there: sendfile(2) from a zero-filled memfd
 * (the offset wrapping in a 1 MiB file) and splice(2) from the socket into a pipe and on into /dev/null.
 * No byte reaches user space. Measured in C on a loopback before this was written: the splice sink roughly
 * doubles throughput whatever the sender; sendfile from a memfd beats write(2), and splice from /dev/zero does
 * not (the kernel fills fresh zero pages). The receiver's default sink is {@link Sink#DISCARD}:
 * recv(fd, NULL, n, MSG_TRUNC), which Linux's TCP takes as "drop up to n received bytes" with no copy and no pipe
 * (net/ipv4/tcp.c, tcp_recvmsg_locked); NetBSD's soreceive has no such path (docs/netbsd.md). With a receive
 * low-water mark of 1 MiB by default, as kttcp's RECV waits in the kernel for data: bench/ref measured the mark
 * to roughly double every pair of calls on loopback (bench/README.md).
 */
final class SpliceEngine implements Engine<NativeConnection> {
    static final long SOURCE_FILE = 1L << 20;
    static final int PIPE_SIZE = 1 << 20;
    /** The receiver's SO_RCVLOWAT unless --rcvlowat says otherwise. */
    static final int LOW_WATER = 1 << 20;

    private final Kernel kernel;
    private final int chunk;
    private final NativeTransport transport;
    private final Sink sink;
    private final Source source;
    /** The write(2) source is the user engine's send loop: one loop, one home. */
    private final UserEngine writer;

    SpliceEngine(EngineConfig config) {
        this.kernel = config.kernel();
        if (Kernels.abi(kernel) != Abi.linux()) {
            throw new UnsupportedOperationException("the splice engine uses Linux's splice(2) and sendfile(2), and"
                    + " this kernel is " + (kernel.isHost() ? System.getProperty("os.name") : kernel.name())
                    + ": use `engine` kttcp " + (kernel.isHost() ? "on NetBSD, or user or nio" : "or user there"));
        }
        Engines.requireHostKernel("splice", kernel, "its splice(2) and sendfile(2) are the host's; use `engine` kttcp or user there");
        this.chunk = config.bufferSize();
        this.sink = config.sink();
        this.source = config.source();
        this.writer = new UserEngine(config);
        this.transport = new NativeTransport(kernel);
    }

    @Override
    public String name() {
        return "splice";
    }

    @Override
    public String describe() {
        return (source == Source.SENDFILE ? "kernel source/sink: sendfile from a memfd, "
                + Units.binary(chunk) + " per call; " : "write from a " + Units.binary(chunk) + " user buffer; kernel sink: ")
                + (sink == Sink.DISCARD ? "recv(MSG_TRUNC) discard, " + Units.binary(PIPE_SIZE) + " per call"
                        : "splice to /dev/null");
    }

    @Override
    public int defaultReceiveLowWater() {
        return LOW_WATER;
    }

    @Override
    public NativeTransport transport() {
        return transport;
    }

    @Override
    public Transfer send(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        if (source == Source.WRITE) {
            return writer.send(connection, budget, progress);
        }
        int sock = connection.fd().get();
        try (Fd file = Fd.own(kernel, "memfd_create", LinuxCalls.memfd_create("kttcp4j-source", LinuxCalls.MFD_CLOEXEC), "memfd")) {
            kernel.check("ftruncate", LinuxCalls.ftruncate(file.get(), SOURCE_FILE));
            TransferLoop loop = new TransferLoop(budget, false, progress);
            long[] offset = {0};
            return loop.run(chunk, n -> {
                if (offset[0] >= SOURCE_FILE) {
                    offset[0] = 0;
                }
                int m = (int) Math.min(n, SOURCE_FILE - offset[0]);
                return TransferLoop.checked(kernel, LinuxCalls.sendfile(sock, file.get(), offset, m), "sendfile");
            });
        }
    }

    @Override
    public Transfer receive(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        int sock = connection.fd().get();
        if (sink == Sink.DISCARD) {
            return discard(connection, budget, progress);
        }
        int[] fds = new int[2];
        kernel.check("pipe2", LinuxCalls.pipe2(fds, Kernels.c(kernel, Constant.O_CLOEXEC)));
        try (Fd readEnd = Fd.own(kernel, "pipe2", fds[0], "pipe");
                Fd writeEnd = Fd.own(kernel, "pipe2", fds[1], "pipe");
                Fd sink = Fd.own(kernel, "open /dev/null",
                        Kernels.sys(kernel).open("/dev/null", Kernels.c(kernel, Constant.O_WRONLY) | Kernels.c(kernel, Constant.O_CLOEXEC), 0), "/dev/null")) {
            // A larger pipe means fewer calls; an unprivileged process may be refused past /proc/sys/fs/pipe-max-size.
            int size = LinuxCalls.fcntl(writeEnd.get(), LinuxCalls.F_SETPIPE_SZ, PIPE_SIZE);
            int pipe = size > 0 ? size : Math.max(65536, LinuxCalls.fcntl(writeEnd.get(), LinuxCalls.F_GETPIPE_SZ, 0));
            int flags = LinuxCalls.SPLICE_F_MOVE | LinuxCalls.SPLICE_F_MORE;
            TransferLoop loop = new TransferLoop(budget, true, progress);
            loop.awaitFirstByte(connection);
            return loop.run(pipe, n -> {
                long r = TransferLoop.checked(kernel, LinuxCalls.splice(sock, null, writeEnd.get(), null, (int) n,
                        flags), "splice from the socket");
                if (r > 0) {
                    drain(readEnd.get(), sink.get(), r, flags); // a failure here ends it without these r bytes
                }
                return r;
            });
        }
    }

    /**
     * The discard sink: the kernel drops each call's bytes in tcp_recvmsg without copying them anywhere. Each call
     * asks for as much as the splice sink's pipe holds (1 MiB): measured with bench/ref/tcpref, 8 times fewer calls
     * than 128 KiB for the same or slightly less CPU per GB.
     */
    private Transfer discard(NativeConnection connection, Budget budget, Progress progress) throws IOException {
        int sock = connection.fd().get();
        int flags = Kernels.c(kernel, Constant.MSG_TRUNC);
        TransferLoop loop = new TransferLoop(budget, true, progress);
        loop.awaitFirstByte(connection);
        Syscalls sys = Kernels.sys(kernel);
        return loop.run(PIPE_SIZE, n -> TransferLoop.checked(kernel, sys.recvfrom(sock, null, (int) n, flags, null, null),
                "recv MSG_TRUNC"));
    }

    /** Moves n bytes from the pipe to /dev/null: they are in the pipe already, so this never waits on the peer. */
    private void drain(int pipe, int sink, long n, int flags) throws ErrnoException {
        while (n > 0) {
            long r = LinuxCalls.splice(pipe, null, sink, null, (int) n, flags);
            if (r < 0) {
                if (TransferLoop.interrupted(kernel)) {
                    continue;
                }
                throw kernel.error("splice to /dev/null");
            }
            n -= r;
        }
    }

    @Override
    public void awaitPeerEof(NativeConnection connection) throws IOException {
        TransferLoop.awaitEof(kernel, connection.fd().get());
    }
}
