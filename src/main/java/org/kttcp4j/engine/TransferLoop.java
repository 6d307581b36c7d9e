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
        IOException failure = null;
        try (Memory b = new Memory(1)) {
            int flags = Kernels.c(kernel, Constant.MSG_PEEK);
            long r = AGAIN;
            while (r == AGAIN) {
                r = checked(kernel, Kernels.sys(kernel).recvfrom(fd, b, 1, flags, null, null),
                        "recv MSG_PEEK (waiting for the first byte)");
            }
            if (r > 0) {
                start();
            } // 0: EOF before any byte, which the first call finds too
        } catch (IOException e) {
            failure = e; // Linux reports a socket error once: it is this one, and it goes out whatever follows
        }
        if (lowWater > 1) {
            try {
                c.setReceiveLowWater(lowWater);
            } catch (IOException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new PartialTransferException(result(), failure);
        }
    }

    private void start() {
        started = true;
        t0 = System.nanoTime();
        now = t0;
        progress.started();
    }

    /**
     * One call of an engine's loop: moves at most max bytes (fewer when the call's own limits say) and returns
     * how many it moved, 0 at the peer's EOF, or {@link #AGAIN} when a signal interrupted it; a failure throws.
     */
    @FunctionalInterface
    interface Call {
        long move(long max) throws IOException;
    }

    /** What a {@link Call} returns when it was interrupted by a signal and is to be made again. */
    static final long AGAIN = -1;

    /**
     * The loop, its one home: while bytes are left and the deadline has not passed, one call of at most perCall
     * bytes (fewer when fewer are left), every call counted, its bytes told to the progress; ends at the peer's
     * EOF. A failing call ends it with a {@link PartialTransferException} that keeps what moved.
     */
    Transfer run(long perCall, Call call) throws PartialTransferException {
        try {
            while (more() && step(call, perCall)) {
                // each call is step's: see there
            }
        } catch (PartialTransferException e) {
            throw e;
        } catch (IOException e) {
            throw new PartialTransferException(result(), e);
        }
        return result();
    }

    /**
     * One call and its count, in a method of its own: HotSpot compiles a method after a few hundred invocations
     * but replaces a running loop only after tens of thousands of iterations (on-stack replacement): seconds at
     * 128 KiB per call, and the launcher's C1 ran the whole of a 3 s run's loop in the interpreter (perf with
     * -XX:+DumpPerfMapAtExit, bench/README.md). Here the interpreted part of the loop is two invocations.
     */
    private boolean step(Call call, long perCall) throws IOException {
        long r = call.move(Math.min(perCall, left()));
        calls++;
        if (r == AGAIN) {
            return true;
        }
        if (r == 0) {
            return false; // the peer's EOF
        }
        moved(r);
        return true;
    }

    /**
     * A native call's result as a {@link Call} returns it: r itself when it is not negative, {@link #AGAIN}
     * when a signal interrupted it, and otherwise the failure, named by what, with errno read first (every
     * native call after it, result()'s getrusage included, may set errno anew).
     */
    static long checked(Kernel kernel, long r, String what) throws IOException {
        if (r >= 0) {
            return r;
        }
        if (interrupted(kernel)) {
            return AGAIN;
        }
        throw kernel.error(what);
    }

    private boolean more() {
        return done < budget.bytes() && !budget.expired(now);
    }

    private long left() {
        return budget.bytes() - done;
    }

    /** Counts n bytes moved (n > 0). */
    private void moved(long n) {
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
