package org.kttcp4j.engine;

import com.sun.jna.Memory;
import java.io.IOException;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.NativeTransport.NativeConnection;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Rusage;

/**
 * The bookkeeping every call-per-buffer engine shares: the budget and its deadline, bytes and calls counted,
 * progress told, wall time and CPU time taken, and the Transfer (also the partial one when a call fails).
 */
final class TransferLoop {
    private final Budget budget;
    private final Progress progress;
    private final CpuTime cpu0 = Rusage.self();
    private long t0 = System.nanoTime();
    private long done;
    private long calls;
    private long now = t0;
    private boolean started;

    /**
     * @param fromFirstByte a receiver's clock starts when its first bytes arrive, not when it starts waiting for
     *     them: a sender that starts late (another process, a busy machine) does not count against the figure
     * @param progress told {@link Progress#started} when the clock starts
     */
    TransferLoop(Budget budget, boolean fromFirstByte, Progress progress) {
        this.budget = budget;
        this.progress = progress;
        if (!fromFirstByte) {
            started = true;
            progress.started();
        }
    }

    /**
     * A native receiver's clock starts when its first byte is there, not when its first call returns: that call
     * may gather up to a low-water mark (the splice engine's 1 MiB) or a whole buffer (MSG_WAITALL) before it
     * does, and those bytes would count without their time. recv(fd, b, 1, MSG_PEEK) waits for one byte, with
     * the low-water mark at 1 meanwhile: Linux wakes a waiting receiver only once SO_RCVLOWAT bytes are in
     * (net/ipv4/tcp_input.c, tcp_data_ready), whatever the call asked for (docs/netbsd.md). At EOF the first call
     * finds it. A JDK channel's receiver has no peek and starts its clock when its first read returns, which
     * gives what has arrived by then.
     */
    void awaitFirstByte(NativeConnection c) throws IOException {
        if (started) {
            return;
        }
        Kernel kernel = c.kernel();
        int fd = c.fd().get();
        int lowWater = c.receiveLowWater();
        if (lowWater > 1) {
            c.setReceiveLowWater(1);
        }
        try (Memory b = new Memory(1)) {
            int flags = Kernels.c(kernel, Constant.MSG_PEEK);
            while (true) {
                long r = Kernels.sys(kernel).recvfrom(fd, b, 1, flags, null, null);
                if (r > 0) {
                    start();
                    return;
                }
                if (r == 0) {
                    return; // EOF before any byte: the first call returns 0 too
                }
                if (!interrupted(kernel)) {
                    // errno first: result()'s getrusage is a native call too (and Linux reports a socket error once)
                    IOException error = kernel.error("recv MSG_PEEK (waiting for the first byte)");
                    throw new PartialTransferException(result(), error);
                }
            }
        } finally {
            if (lowWater > 1) {
                c.setReceiveLowWater(lowWater);
            }
        }
    }

    private void start() {
        started = true;
        t0 = System.nanoTime();
        now = t0;
        progress.started();
    }

    /** True while bytes are left and the deadline has not passed. */
    boolean more() {
        return done < budget.bytes() && !budget.expired(now);
    }

    long left() {
        return budget.bytes() - done;
    }

    /** Counts one call (whatever it returned). */
    void call() {
        calls++;
    }

    /** Counts n bytes moved (n > 0). */
    void moved(long n, Progress progress) {
        if (!started) {
            start();
        }
        done += n;
        progress.moved(n);
        if (budget.timed()) {
            now = System.nanoTime();
        }
    }

    /** The transfer so far; its clock stops here ({@link Progress#ended}). */
    Transfer result() {
        long end = System.nanoTime();
        progress.ended(end);
        return new Transfer(budget.requested(), done, end - t0, Transfer.Clock.WALL, Rusage.self().minus(cpu0), calls);
    }

    /** {@link Engine#awaitPeerEof} with read(2) on a native socket: reads and drops until the peer's EOF. */
    static void awaitEof(Kernel kernel, int fd) throws IOException {
        try (Memory m = new Memory(EOF_BUFFER)) {
            while (true) {
                int r = Kernels.sys(kernel).read(fd, m, EOF_BUFFER);
                if (r == 0) {
                    return;
                }
                if (r < 0 && !interrupted(kernel)) {
                    throw kernel.error("read (waiting for the receiver's EOF)");
                }
            }
        }
    }

    private static final int EOF_BUFFER = 4096;

    /** True when the call that just failed on kernel was interrupted by a signal and should be made again. */
    static boolean interrupted(Kernel kernel) {
        return Kernels.sys(kernel).errno() == Kernels.abi(kernel).errno().require(Errno.EINTR);
    }
}
