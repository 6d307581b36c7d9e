package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.NetInterface;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.net.Watchdog;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.ErrnoException;

/**
 * One run's stream ends, each a task on this run's executor (its own daemon thread), with one wait for them all
 * ({@link #joinAll}): as long as the ends take while the run goes on (each is bounded by its budget, the stall
 * watch, the grace after a time), and at most {@link #AFTER_ABORT} once the run was ended. The topologies lay the
 * connections out and hand each end here; every connection is closed by the topology that opened it.
 */
final class Streams implements AutoCloseable {
    /** How long stream ends may take to end once their run was aborted. */
    static final Duration AFTER_ABORT = Duration.ofSeconds(10);
    /**
     * How long after the time a timed run's ends may take to finish (the last write to return, the receiver's
     * EOF) before they are ended and reported partial: the receiver, or the sender, stalled.
     */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final Run run;
    private final Trial trial;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "kttcp4j-stream");
        t.setDaemon(true);
        return t;
    });
    private final List<CompletableFuture<SideResult>> ends = new ArrayList<>();

    Streams(Run run, Trial trial) {
        this.run = run;
        this.trial = trial;
    }

    /** Runs a task of the run's (loopback's accepts) on the executor, on a thread with this name. */
    <T> Future<T> submit(String name, Callable<T> task) {
        return async(name, task);
    }

    private <T> CompletableFuture<T> async(String name, Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setName(name);
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /**
     * This process's end of every connection (one role, or with bidir the role of each stream's direction), each
     * metered; waits for all.
     */
    static <C extends Connection> List<SideResult> playAll(Run run, Trial trial, Engine<C> engine, List<C> conns,
            IntConsumer transferEnded) throws IOException {
        try (Streams streams = new Streams(run, trial)) {
            streams.startMeter();
            for (int i = 0; i < conns.size(); i++) {
                int stream = i;
                streams.end(run.meteredRole(i + 1), i, engine, conns.get(i), true, () -> transferEnded.accept(stream));
            }
            return streams.joinAll();
        }
    }

    /** The meter starts; a timed run's transfers last its time (plus omit), which its intervals are cut to. */
    void startMeter() {
        if (run.time() != null) {
            trial.meter.timed(run.omit() == null ? run.time() : run.time().plus(run.omit()));
        }
        trial.meter.start();
    }

    /** Starts one stream end on the executor; metered: its bytes are the ones the intervals count. */
    <C extends Connection> void end(Role role, int stream, Engine<C> engine, C c, boolean metered,
            Runnable transferEnded) {
        Control control = trial.control;
        IntervalMeter meter = trial.meter;
        ends.add(async("kttcp4j-" + role.label() + "-" + (stream + 1), () -> {
            try {
                Integer cpu = Pinning.pin(run, role, stream, control); // affinity, in this thread, before the transfer
                // #20: the end's interface, asked before the transfer: once both FINs are acknowledged NetBSD frees
                // the connection's PCB and getsockname has no address to give (seen through a rump client)
                Optional<NetInterface> iface = c.localInterface();
                if (metered) {
                    meter.sample(stream, c, role); // TCP_INFO at each interval's end
                }
                Runnable ended = () -> {
                    if (metered) {
                        meter.transferEnded(stream); // the intervals end here, not when the EOFs are done
                    }
                    transferEnded.run();
                };
                SideResult r = Pinning.ranOn(side(run, role, stream, engine, c, trial.sockbuf, control,
                        metered ? meter.stream(stream) : meter.other(stream), ended), cpu);
                // the connection's last TCP_INFO, read before it is closed (a receiver's side() read one before its
                // FIN: kept where the kernel has none to give by now)
                Optional<TcpInfo> last = metered ? meter.ended(stream) : tcpInfo(c);
                r = last.map(r::withTcpInfo).orElse(r);
                r = congestion(c).map(r::withCongestion).orElse(r);
                return iface.map(r::withInterface).orElse(r);
            } finally {
                if (metered) {
                    meter.finished(stream);
                }
            }
        }));
    }

    /**
     * Waits for every end, role by role and stream by stream: while the run goes on, as long as they take; once
     * it is ended (a signal, a failure), at most {@link #AFTER_ABORT} more.
     */
    List<SideResult> joinAll() throws IOException {
        CompletableFuture<Void> all = CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
        await(all, "a stream to end");
        List<SideResult> out = new ArrayList<>();
        for (CompletableFuture<SideResult> e : ends) {
            out.add(join(e, "a stream to end"));
        }
        out.sort(Comparator.comparing(SideResult::role).thenComparing(SideResult::stream));
        return out;
    }

    /** Waits for one task (loopback's accepts) as {@link #joinAll} does. */
    <T> T join(Future<T> task, String what) throws IOException {
        await((CompletableFuture<?>) task, what);
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }

    /** The one deadline: none while the run goes on, AFTER_ABORT from the moment it was ended. */
    private void await(CompletableFuture<?> task, String what) throws IOException {
        Control control = trial.control;
        try {
            CompletableFuture.anyOf(task, control.whenEnded()).handle((v, x) -> null).get();
            if (!task.isDone()) {
                task.handle((v, x) -> null).get(AFTER_ABORT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new IOException("gave up waiting for " + what + " " + Durations.text(AFTER_ABORT)
                    + " after the run was ended (" + (control.stopped() != null ? control.stopped()
                    : control.failure()) + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // handle() leaves none
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }

    /** The executor's threads end with their tasks; one that is still blocked is a daemon and ends with the JVM. */
    @Override
    public void close() {
        executor.shutdown();
    }

    static String refusal(List<Cidr> allow, InetSocketAddress peer) {
        if (allow.isEmpty() || allow.stream().anyMatch(c -> c.contains(peer.getAddress()))) {
            return null;
        }
        return "not in " + Setting.ALLOW.ref() + " " + allow;
    }

    /** Accepts one connection; wait null waits until a connection comes or the run is stopped. */
    static <C extends Connection> C accept(Acceptor<C> acceptor, Control control, Duration wait, String what)
            throws IOException {
        try (Watchdog.Armed a = control.register(acceptor::abort);
                Watchdog.Armed w = wait == null ? () -> {} : Watchdog.arm(wait, () -> control.fail("no connection"
                        + " from " + what + " in " + Durations.text(wait) + " on " + Hosts.endpoint(acceptor.local())))) {
            return acceptor.accept();
        } catch (IOException e) {
            if (control.ended()) {
                throw RunEnded.of(control, "while waiting for a connection on port " + acceptor.local().getPort());
            }
            throw e;
        }
    }

    /**
     * One end of one stream: the socket buffer set (after connect/accept, as the C tool does), the transfer, EOF
     * sent, and how it ended. A sender then waits for its receiver's EOF (bounded), so the peer has acknowledged
     * everything before the connection's last TCP_INFO is read; a receiver shuts its output down at the sender's
     * EOF, which is that EOF. ended runs as the transfer returns, before either EOF. An end that ended by an error
     * fails the run, so the other streams do not wait on a peer that is gone.
     *
     * <p>A timed run ends at its time plus {@link #GRACE}: a sender whose write (or its wait for the receiver's
     * EOF) is still blocked then is aborted and partial (its receiver stalled); a receiver that knows the run's
     * --time says when its sender ended the stream too early (it died or was stopped) or not by the time plus
     * the grace (it stalled).
     */
    static <C extends Connection> SideResult side(Run run, Role role, int stream, Engine<C> engine, C c, int sockbuf,
            Control control, Progress progress, Runnable ended) {
        Transfer t = null;
        String error = null;
        int snd = 0, rcv = 0;
        try (Watchdog.Armed a = control.register(c::abort)) {
            int[] buffers = configure(run, role, engine, c, sockbuf);
            snd = buffers[0];
            rcv = buffers[1];
        } catch (IOException | RuntimeException e) {
            error = Failures.oneLine(e);
        }
        // the budget (a sender's deadline) starts with the transfer, as its clock and its intervals do
        long begun = System.nanoTime();
        Budget budget = role == Role.SENDER ? run.senderBudget(stream) : run.receiverBudget(stream);
        // a receiver's --max-time is kept even while a call blocks (a kttcp RECV ioctl, a receive waiting for its
        // low-water mark against a peer that drips): at the deadline the connection is shut down, which ends the
        // call with what it has
        AtomicBoolean capped = new AtomicBoolean();
        Watchdog.Armed cap = role == Role.RECEIVER && budget.timed()
                ? Watchdog.arm(Duration.ofNanos(Math.max(1, budget.nanosLeft(begun))), () -> {
                    capped.set(true);
                    c.abort();
                })
                : () -> {};
        // --time plus the grace: a sender's from its own deadline, a receiver's from its start (its sender starts
        // as it connects)
        Duration expected = run.time() == null ? null : run.omit() == null ? run.time() : run.time().plus(run.omit());
        long graceEnds = expected == null ? 0 : role == Role.SENDER ? budget.deadlineNanos() + GRACE.toNanos()
                : begun + expected.plus(GRACE).toNanos();
        AtomicBoolean stalled = new AtomicBoolean();
        AtomicBoolean draining = new AtomicBoolean();
        AtomicBoolean stalledInDrain = new AtomicBoolean();
        Watchdog.Armed grace = expected == null ? () -> {}
                : Watchdog.arm(Duration.ofNanos(Math.max(1, graceEnds - begun)), () -> {
                    stalledInDrain.set(draining.get());
                    stalled.set(true);
                    c.abort();
                });
        boolean transferred = false;
        long eofAt = 0;
        Optional<TcpInfo> receivedInfo = Optional.empty();
        try (Watchdog.Armed a = control.register(c::abort); cap; grace) {
            if (error != null) {
                // the socket could not be set up: no transfer
            } else if (role == Role.SENDER) {
                if (run.time() != null) { // the deadline from the transfer's start, not before the set-up above
                    budget = run.senderBudget(stream);
                }
                try {
                    t = engine.send(c, budget, progress);
                } finally {
                    transferred = true;
                    ended.run();
                }
                c.shutdownOutput();
                draining.set(true);
                engine.awaitPeerEof(c); // bounded by the grace (timed), the stall watch or a signal
            } else {
                try {
                    t = engine.receive(c, budget, progress);
                } finally {
                    transferred = true;
                    eofAt = System.nanoTime();
                    ended.run();
                }
                // TCP_INFO before this end's FIN: once the sender acknowledges it, NetBSD's tcp_close frees the
                // connection's tcpcb and getsockopt(TCP_INFO) has nothing to read (seen in a rump kernel)
                receivedInfo = tcpInfo(c);
                shutdownQuietly(c); // everything is read: the sender's wait for this end's EOF is over
            }
        } catch (PartialTransferException e) {
            t = e.partial();
            error = senderHint(run, role, e);
        } catch (IOException | RuntimeException e) {
            error = senderHint(run, role, e);
        } finally {
            if (!transferred) {
                ended.run();
            }
        }
        if (t == null) {
            t = new Transfer(budget.requested(), 0, 0, Transfer.Clock.WALL, CpuTime.ZERO, 0);
        }
        if (capped.get()) { // what the shutdown at the deadline made of the call is the cap's doing, not an error
            error = null;
        }
        if (stalled.get()) {
            error = role == Role.SENDER
                    ? "the receiver stopped reading: " + (stalledInDrain.get() ? "its EOF was still awaited" : "a write was"
                            + " still blocked") + " " + Durations.text(GRACE) + " after " + Setting.TIME.ref() + " " + Durations.text(
                            expected) + " ended (the grace): it stalled or was stopped; what was written is reported"
                    : "the sender had not ended its stream " + Durations.text(GRACE) + " after " + Setting.TIME.ref() + " "
                            + Durations.text(expected) + " (the grace): it stalled or was stopped";
        } else if (error == null && role == Role.RECEIVER && expected != null && !capped.get()
                && eofAt - begun < expected.toNanos() - tolerance(expected)) {
            error = "the sender ended its stream after " + Durations.text(Duration.ofNanos(eofAt - begun))
                    + " of " + Setting.TIME.ref() + " " + Durations.text(expected) + ": it died or was stopped, or runs with a"
                    + " shorter " + Setting.TIME.ref() + " (give both ends the same)";
        }
        String stopped = null;
        if (control.stopped() != null) {
            stopped = control.stopped();
            error = null;
        } else if (control.failure() != null) {
            error = control.failure();
        } else if (error == null && role == Role.RECEIVER && budget.timed() && budget.expired(System.nanoTime())) {
            stopped = Setting.MAX_TIME.ref() + " " + Durations.text(run.maxTime()) + " reached";
        } else if (error == null && role == Role.RECEIVER && run.maxBytes() != null && run.bytes() == null
                && t.bytes() >= run.maxBytes()) {
            stopped = Setting.MAX_BYTES.ref() + " " + run.maxBytes() + " reached";
        } else if (error == null && role == Role.RECEIVER && t.bytes() == 0) {
            error = "the peer closed the connection without sending anything: is it a sender (both ends given "
                    + Setting.REVERSE.ref() + ", or neither)?";
        }
        if (error != null) {
            control.fail("stream " + (stream + 1) + " ended by an error: " + error);
        }
        SideResult r = new SideResult(role, stream + 1, engine.name(), engine.describe(), t, snd, rcv, c.peer(), error,
                stopped);
        return receivedInfo.map(r::withTcpInfo).orElse(r);
    }

    /** The socket buffer (after connect/accept, as the C tool does) and low-water mark; the sizes the kernel set. */
    private static <C extends Connection> int[] configure(Run run, Role role, Engine<C> engine, C c, int sockbuf)
            throws IOException {
        if (sockbuf > 0) {
            if (role == Role.SENDER) {
                c.setSendBufferSize(sockbuf);
            } else {
                c.setReceiveBufferSize(sockbuf);
            }
        }
        int lowat = run.rcvlowat() != null ? run.rcvlowat() : engine.defaultReceiveLowWater();
        if (role == Role.RECEIVER && lowat > 0) {
            c.setReceiveLowWater(lowat);
        }
        return new int[] {c.sendBufferSize(), c.receiveBufferSize()};
    }

    /**
     * How much earlier than --time a timed receiver may see its sender's EOF (counted from its own start, after
     * the accept: its sender started as it connected, a little before, and on a loaded machine some hundreds of
     * milliseconds before) and still call the run whole: 1 s, or a tenth of the time when that is more. A run of
     * 1 s or less is never called short.
     */
    private static long tolerance(Duration expected) {
        return Math.max(Duration.ofSeconds(1).toNanos(), expected.toNanos() / 10);
    }

    /**
     * A sender's error, with what a reset most likely means: it knows only that its receiver closed the connection
     * on it (ECONNRESET, EPIPE, ENOTCONN), where the receiver's own message names the cause. Not in loopback, whose
     * two ends have the same settings.
     */
    private static String senderHint(Run run, Role role, Exception e) {
        String line = Failures.oneLine(e);
        if (role != Role.SENDER || run.mode() == Mode.LOOPBACK || !reset(e)) { // loopback: both ends agree
            return line;
        }
        return line + " (the receiver closed the connection on this sender: it is busy with another sender (recv "
                + Setting.SERVE.ref() + " takes one run at a time: try again), runs with another "
                + Setting.PARALLEL.ref() + ", " + Setting.BIDIR.ref() + " or " + Setting.REVERSE.ref() + " (give both"
                + " ends the same), or was stopped; its own message says which)";
    }

    private static boolean reset(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof ErrnoException errno && errno.code().map(RESETS::contains).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<Errno> RESETS = Set.of(Errno.ECONNRESET, Errno.EPIPE, Errno.ENOTCONN);

    private static void shutdownQuietly(Connection c) {
        try {
            c.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            // a sender that is gone needs no EOF
        }
    }

    private static Optional<String> congestion(Connection c) {
        try {
            return c.congestion();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<TcpInfo> tcpInfo(Connection c) {
        try {
            return c.tcpInfo();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

}
