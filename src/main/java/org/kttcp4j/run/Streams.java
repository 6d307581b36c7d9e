package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.net.Watchdog;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.engine.Progress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The three shapes of one run (loopback, connecting, accepting) on typed connections: each engine drives the
 * connections its own transport made. Every stream end runs on its own thread; every connection is closed by
 * the run that opened it, on every path.
 */
final class Streams {
    /** How long stream threads may take to end once their run was aborted. */
    static final Duration AFTER_ABORT = Duration.ofSeconds(10);
    /**
     * How long after --time a timed run's ends may take to finish (the last write to return, the receiver's EOF)
     * before they are ended and reported partial: the receiver, or the sender, stalled.
     */
    static final Duration GRACE = Duration.ofSeconds(2);

    private Streams() {}

    /** Both ends here: listen on loopback, connect the streams, one thread per stream end. */
    static List<SideResult> loopback(Run run, int sockbuf, Engine<?> tx, Engine<?> rx, Control control,
            IntervalMeter meter, RunListener listener) throws IOException {
        // the accepting side listens with its own engine's transport: the receiver's, or the sender's reversed
        Engine<?> accepting = run.reverse() ? tx : rx;
        Engine<?> connecting = run.reverse() ? rx : tx;
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().loopback(run.port());
        return loopback(run, sockbuf, accepting, connecting, at, control, meter);
    }

    private static <A extends Connection, C extends Connection> List<SideResult> loopback(Run run, int sockbuf,
            Engine<A> accepting, Engine<C> connecting, InetSocketAddress at, Control control, IntervalMeter meter)
            throws IOException {
        List<A> accepted = new ArrayList<>();
        List<C> connected = new ArrayList<>();
        try (Acceptor<A> acceptor = accepting.transport().listen(at, run.backlog(), false)) {
            FutureTask<Void> accepts = new FutureTask<>(() -> {
                for (int i = 0; i < run.streams(); i++) {
                    accepted.add(accept(acceptor, control, run.connectTimeout(), "this process's own connect"));
                }
                return null;
            });
            start(accepts, "kttcp4j-accept");
            try {
                for (int i = 0; i < run.streams(); i++) {
                    connected.add(connecting.transport().connect(acceptor.local(), null, run.connectTimeout(),
                            control));
                }
            } catch (IOException | RuntimeException e) {
                control.fail(Failures.oneLine(e)); // ends the accepting thread too
                try {
                    join(accepts, control, "the accepting thread");
                } catch (IOException ignored) {
                    // the connect's error is the one to report
                }
                throw e;
            }
            join(accepts, control, "accepting the loopback connections");
            List<FutureTask<SideResult>> ends = new ArrayList<>();
            start(run, meter);
            for (int i = 0; i < run.streams(); i++) {
                // the connecting end sends unless --reverse, or on --bidir's reverse direction; the sender is metered
                Role connectingRole = run.reverse() || run.reverseDirection(i + 1) ? Role.RECEIVER : Role.SENDER;
                ends.add(end(run, connectingRole.other(), i, accepting, accepted.get(i), sockbuf, control, meter,
                        connectingRole.other() == Role.SENDER, () -> {}));
                ends.add(end(run, connectingRole, i, connecting, connected.get(i), sockbuf, control, meter,
                        connectingRole == Role.SENDER, () -> {}));
            }
            return joinAll(ends, control);
        } finally {
            accepted.forEach(Connection::close);
            connected.forEach(Connection::close);
        }
    }

    /** The connecting process: opens the streams to the host and plays its end on each. */
    static <C extends Connection> List<SideResult> connecting(Run run, int sockbuf, Engine<C> engine,
            List<InetSocketAddress> to, InetSocketAddress from, Control control, IntervalMeter meter,
            RunListener listener) throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            // one after another, so the accepting end takes them in this order (--bidir's directions depend on it)
            for (int i = 0; i < run.streams(); i++) {
                C c = connect(engine, to, from, run, control, listener);
                conns.add(c);
                listener.connected(run.meteredRole(i + 1), c.peer());
            }
            return playAll(run, engine, conns, sockbuf, control, meter, i -> {});
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /** Connects to the first address that answers, as the C tool does with getaddrinfo's list. */
    private static <C extends Connection> C connect(Engine<C> engine, List<InetSocketAddress> to,
            InetSocketAddress from, Run run, Control control, RunListener listener) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : to) {
            listener.waiting("connecting to " + Hosts.endpoint(a));
            try {
                return engine.transport().connect(a, from, run.connectTimeout(), control);
            } catch (IOException e) {
                if (control.ended()) {
                    throw ended(control, "while connecting to " + Hosts.endpoint(a));
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * The accepting process: listens once, then runs a series (or, serving, one series per client) on the
     * connections it accepts, until stopped.
     */
    static <C extends Connection> Results accepting(Run run, Engine<C> engine, RunListener listener)
            throws IOException {
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().wildcard(run.port());
        try (Acceptor<C> acceptor = engine.transport().listen(at, run.backlog(),
                run.family() == org.kttcp4j.net.Family.V6)) {
            listener.listening(acceptor.local());
            if (run.serve()) {
                try (ServerDoor<C> door = new ServerDoor<>(acceptor, run.streams(), run.allow(), listener)) {
                    Results last;
                    do {
                        last = run.series(listener, (size, control, meter) -> accepted(run, size, engine,
                                (wait, what) -> door.take(wait, control, what), door, control, meter, listener));
                    } while (last.stopped().isEmpty() && Signals.received() == null && serverCanGoOn(last));
                    return last;
                }
            }
            return run.series(listener, (size, control, meter) -> accepted(run, size, engine, (wait, what) -> {
                C c = accept(acceptor, control, wait, what);
                String refusal = refusal(run.allow(), c.peer());
                if (refusal != null) {
                    listener.refused(c.peer(), refusal);
                    c.close();
                    return null;
                }
                return c;
            }, null, control, meter, listener));
        }
    }

    /** Where an accepting run's connections come from: the listening socket, or a server's door. */
    private interface Source<C extends Connection> {
        /** The next connection, or null when one came and was refused. */
        C next(Duration wait, String what) throws IOException;
    }

    /** A server goes on after a failed run, but not after its listening socket failed. */
    private static boolean serverCanGoOn(Results r) {
        return !r.outcome().listenerFailed();
    }

    private static <C extends Connection> List<SideResult> accepted(Run run, int sockbuf, Engine<C> engine,
            Source<C> source, ServerDoor<C> door, Control control, IntervalMeter meter, RunListener listener)
            throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            // the first stream may wait for its sender as long as the run would last (forever without --time);
            // the others come right after it from the same sender
            Duration first = run.serve() || run.time() == null ? null : run.time().plus(run.connectTimeout());
            while (conns.size() < run.streams()) {
                Duration wait = conns.isEmpty() ? first : run.connectTimeout();
                String what = conns.isEmpty() ? "a sender" : "stream " + (conns.size() + 1) + " of " + run.streams()
                        + " (the sender runs with another --parallel" + (run.bidir() ? ", or without --bidir?)" : "?)");
                C c = source.next(wait, what);
                if (c != null) {
                    conns.add(c);
                    listener.connected(run.meteredRole(conns.size()), c.peer());
                }
            }
            return playAll(run, engine, conns, sockbuf, control, meter,
                    door == null ? i -> {} : i -> door.release(conns.get(i)));
        } finally {
            if (door != null) {
                door.releaseAll(conns); // before they close: the sender's next run finds the door open
            }
            conns.forEach(Connection::close);
        }
    }

    /**
     * This process's end of every connection (one role, or with --bidir the role of each stream's direction), each
     * on its own thread, metered; waits for all.
     */
    private static <C extends Connection> List<SideResult> playAll(Run run, Engine<C> engine, List<C> conns,
            int sockbuf, Control control, IntervalMeter meter, java.util.function.IntConsumer transferEnded)
            throws IOException {
        List<FutureTask<SideResult>> ends = new ArrayList<>();
        start(run, meter);
        for (int i = 0; i < conns.size(); i++) {
            int stream = i;
            ends.add(end(run, run.meteredRole(i + 1), i, engine, conns.get(i), sockbuf, control, meter, true,
                    () -> transferEnded.accept(stream)));
        }
        return joinAll(ends, control);
    }

    static String refusal(List<Cidr> allow, InetSocketAddress peer) {
        if (allow.isEmpty() || allow.stream().anyMatch(c -> c.contains(peer.getAddress()))) {
            return null;
        }
        return "not in --allow " + allow;
    }

    /** Accepts one connection; wait null waits until a connection comes or the run is stopped. */
    private static <C extends Connection> C accept(Acceptor<C> acceptor, Control control, Duration wait,
            String what) throws IOException {
        try (Watchdog.Armed a = control.register(acceptor::abort);
                Watchdog.Armed w = wait == null ? () -> {} : Watchdog.arm(wait, () -> control.fail("no connection"
                        + " from " + what + " in " + Durations.text(wait) + " on " + Hosts.endpoint(acceptor.local())))) {
            return acceptor.accept();
        } catch (IOException e) {
            if (control.ended()) {
                throw ended(control, "while waiting for a connection on port " + acceptor.local().getPort());
            }
            throw e;
        }
    }

    static Run.RunEnded ended(Control control, String where) {
        return control.stopped() != null
                ? new Run.RunEnded(control.stopped() + " " + where, true)
                : new Run.RunEnded(control.failure() + " (" + where + ")", false);
    }

    /** Starts one stream end on its own thread. */
    private static <C extends Connection> FutureTask<SideResult> end(Run run, Role role, int stream, Engine<C> engine,
            C c, int sockbuf, Control control, IntervalMeter meter, boolean metered, Runnable transferEnded) {
        boolean sampled = metered;
        FutureTask<SideResult> t = new FutureTask<>(() -> {
            try {
                Integer cpu = Pinning.pin(run, role, stream, control); // -A, in this thread, before the transfer
                // #20: the end's interface, asked before the transfer: once both FINs are acknowledged NetBSD frees
                // the connection's PCB and getsockname has no address to give (seen through a rump client)
                Optional<org.kttcp4j.net.NetInterface> iface = c.localInterface();
                if (sampled) {
                    meter.sample(stream, c, role); // TCP_INFO at each interval's end
                }
                Runnable ended = () -> {
                    if (metered) {
                        meter.transferEnded(stream); // the intervals end here, not when the EOFs are done
                    }
                    transferEnded.run();
                };
                SideResult r = Pinning.ranOn(side(run, role, stream, engine, c, sockbuf, control,
                        metered ? meter.stream(stream) : meter.other(stream), ended), cpu);
                // the connection's last TCP_INFO, read before it is closed (a receiver's side() read one before its
                // FIN: kept where the kernel has none to give by now)
                Optional<TcpInfo> last = sampled ? meter.ended(stream) : tcpInfo(c);
                r = last.map(r::withTcpInfo).orElse(r);
                r = congestion(c).map(r::withCongestion).orElse(r);
                return iface.map(r::withInterface).orElse(r);
            } finally {
                if (metered) {
                    meter.finished(stream);
                }
            }
        });
        start(t, "kttcp4j-" + role.label() + "-" + (stream + 1));
        return t;
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
                            + " still blocked") + " " + Durations.text(GRACE) + " after --time " + Durations.text(
                            expected) + " ended (the grace): it stalled or was stopped; what was written is reported"
                    : "the sender had not ended its stream " + Durations.text(GRACE) + " after --time "
                            + Durations.text(expected) + " (the grace): it stalled or was stopped";
        } else if (error == null && role == Role.RECEIVER && expected != null && !capped.get()
                && eofAt - begun < expected.toNanos() - tolerance(expected)) {
            error = "the sender ended its stream after " + Durations.text(Duration.ofNanos(eofAt - begun))
                    + " of --time " + Durations.text(expected) + ": it died or was stopped, or runs with a shorter"
                    + " --time (give both ends the same)";
        }
        String stopped = null;
        if (control.stopped() != null) {
            stopped = control.stopped();
            error = null;
        } else if (control.failure() != null) {
            error = control.failure();
        } else if (error == null && role == Role.RECEIVER && budget.timed() && budget.expired(System.nanoTime())) {
            stopped = "--max-time " + Durations.text(run.maxTime()) + " reached";
        } else if (error == null && role == Role.RECEIVER && run.maxBytes() != null && run.bytes() == null
                && t.bytes() >= run.maxBytes()) {
            stopped = "--max-bytes " + run.maxBytes() + " reached";
        } else if (error == null && role == Role.RECEIVER && t.bytes() == 0) {
            error = "the peer closed the connection without sending anything: is it a sender (both ends given --reverse,"
                    + " or neither)?";
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
        return line + " (the receiver closed the connection on this sender: it is busy with another sender (recv --serve takes one run at a time: try"
                + " again), runs with another --parallel, --bidir or --reverse (give both ends the same), or was"
                + " stopped; its own message says which)";
    }

    private static boolean reset(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof ErrnoException errno && errno.code().map(RESETS::contains).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<Errno> RESETS = java.util.Set.of(Errno.ECONNRESET, Errno.EPIPE, Errno.ENOTCONN);

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

    /** The meter starts; a timed run's transfers last --time (plus --omit), which its intervals are cut to. */
    private static void start(Run run, IntervalMeter meter) {
        if (run.time() != null) {
            meter.timed(run.omit() == null ? run.time() : run.time().plus(run.omit()));
        }
        meter.start();
    }

    private static void start(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits for every end; once the run is aborted, at most {@link #AFTER_ABORT} more. */
    private static List<SideResult> joinAll(List<FutureTask<SideResult>> ends, Control control) throws IOException {
        List<SideResult> out = new ArrayList<>();
        for (FutureTask<SideResult> e : ends) {
            out.add(join(e, control, "a stream to end"));
        }
        out.sort(java.util.Comparator.comparing(SideResult::role).thenComparing(SideResult::stream));
        return out;
    }

    private static <T> T join(FutureTask<T> task, Control control, String what) throws IOException {
        long abortedAt = 0;
        try {
            while (true) {
                try {
                    return task.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (control.ended()) {
                        long now = System.nanoTime();
                        abortedAt = abortedAt == 0 ? now : abortedAt;
                        if (now - abortedAt > AFTER_ABORT.toNanos()) {
                            throw new IOException("gave up waiting for " + what + " " + Durations.text(AFTER_ABORT)
                                    + " after the run was ended (" + (control.stopped() != null ? control.stopped()
                                    : control.failure()) + ")");
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }
}
