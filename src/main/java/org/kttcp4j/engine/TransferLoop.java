package org.kttcp4j.engine;

import com.sun.jna.Memory;
import java.io.IOException;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.Transfer;
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
    private final boolean fromFirstByte;
    private final Progress progress;
    private final CpuTime cpu0 = Rusage.self();
    private long t0 = System.nanoTime();
    private long done;
    private long calls;
    private long now = t0;

    /**
     * @param fromFirstByte a receiver's clock starts when its first bytes arrive, not when it starts waiting for
     *     them: a sender that starts late (another process, a busy machine) does not count against the figure
     * @param progress told {@link Progress#started} when the clock starts
     */
    TransferLoop(Budget budget, boolean fromFirstByte, Progress progress) {
        this.budget = budget;
        this.fromFirstByte = fromFirstByte;
        this.progress = progress;
        if (!fromFirstByte) {
            progress.started();
        }
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
        if (fromFirstByte && done == 0) {
            t0 = System.nanoTime();
            progress.started();
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
