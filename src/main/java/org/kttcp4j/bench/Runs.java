package org.kttcp4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.KttcpEngine;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Connection;

/** The three shapes of run: send to a host, receive from whoever connects, and both ends in this process. */
public final class Runs {
    /** How long a loopback receiver may take to see EOF once the sender is done, before it is aborted. */
    static final long RECEIVER_GRACE_SECONDS = 30;

    private Runs() {}

    /** Opens what an engine needs before any socket is made, so a missing device fails first. */
    public static void prepare(Engine engine) throws IOException {
        if (engine instanceof KttcpEngine k) {
            k.open();
        }
    }

    /** Connects to the first address that accepts, as the C tool does with getaddrinfo's list. */
    public static Connection connect(Engine engine, List<InetSocketAddress> addresses) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : addresses) {
            try {
                return engine.transport().connect(a);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Sends on a connection to host. */
    public static SideResult send(Engine engine, List<InetSocketAddress> to, RunSettings s, Consumer<Connection> connected)
            throws IOException {
        try (Connection c = connect(engine, to)) {
            connected.accept(c);
            return Sides.send(engine, c, s.senderBudget(), s.sockbuf(), Progress.NONE);
        }
    }

    /** Accepts one connection on a listening socket and receives until the peer's EOF (or the byte count). */
    public static SideResult receive(Engine engine, Acceptor acceptor, Budget budget, int sockbuf,
            Consumer<Connection> accepted) throws IOException {
        Connection c;
        try (AutoCloseable hook = Interrupts.onInterrupt(acceptor::abort)) {
            c = acceptor.accept();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (c) {
            accepted.accept(c);
            return Sides.receive(engine, c, budget, sockbuf, Progress.NONE);
        }
    }

    /** Sender and receiver in this process over loopback (or the address given), each on its own thread. */
    public static RunResult loopback(RunSettings s, Engine tx, Engine rx, String kernel) throws IOException {
        prepare(tx);
        prepare(rx);
        InetSocketAddress at = s.bind() != null
                ? s.family().resolve(s.bind(), s.port()).get(0) : s.family().loopback(s.port());
        try (Acceptor acceptor = rx.transport().listen(at, 1, false)) {
            AtomicReference<Connection> receiving = new AtomicReference<>();
            FutureTask<SideResult> receiver = new FutureTask<>(() -> receive(rx, acceptor, Budget.untilEof(),
                    s.sockbuf(), receiving::set));
            Thread thread = new Thread(receiver, "kttcp4j-receiver");
            thread.setDaemon(true);
            thread.start();
            SideResult sent;
            try {
                sent = send(tx, List.of(acceptor.local()), s, c -> {});
            } catch (IOException | RuntimeException e) {
                acceptor.abort();
                abort(receiving);
                throw e;
            }
            SideResult received = awaitReceiver(receiver, receiving);
            List<SideResult> sides = new ArrayList<>(List.of(sent, received));
            return new RunResult(s, "loopback", kernel, sides);
        }
    }

    private static SideResult awaitReceiver(FutureTask<SideResult> receiver, AtomicReference<Connection> receiving)
            throws IOException {
        try {
            try {
                return receiver.get(RECEIVER_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                abort(receiving);
                return receiver.get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the receiver did not finish within " + RECEIVER_GRACE_SECONDS
                    + " s of the sender, even after its socket was shut down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the receiver");
        }
    }

    private static void abort(AtomicReference<Connection> c) {
        Connection conn = c.get();
        if (conn != null) {
            conn.abort();
        }
    }
}
