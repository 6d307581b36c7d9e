package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.net.Watchdog;

/**
 * recv --serve's door: one thread accepts every connection as it comes and lets in at most one run's streams at a
 * time; a connection that comes while a run holds them (until their transfers end) is closed at once, one line on
 * stderr, as iperf3's server refuses a second client while it is busy. A sender left waiting in the listen backlog
 * would count the wait as its own transfer time (the kernel takes its first megabytes into the queued socket's
 * buffer, then it blocks until the run before it ends); refused, it fails at once, exit 2, and says that the
 * receiver was busy. A stream's slot is freed as its transfer ends, before the receiver's EOF tells the sender it
 * is done, so a sender's next run (--repeat) always finds the door open. --allow's refusals are made here too.
 */
final class ServerDoor<C extends Connection> implements AutoCloseable {
    private final Acceptor<C> acceptor;
    private final int capacity;
    private final List<Cidr> allow;
    private final RunListener listener;
    private final Deque<C> waiting = new ArrayDeque<>();
    private final Set<C> held = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private InetSocketAddress holder;
    private IOException failed;
    private boolean closed;

    /** @param capacity the streams of one run */
    ServerDoor(Acceptor<C> acceptor, int capacity, List<Cidr> allow, RunListener listener) {
        this.acceptor = acceptor;
        this.capacity = capacity;
        this.allow = allow;
        this.listener = listener;
        this.thread = new Thread(this::acceptAll, "kttcp4j-door");
        thread.setDaemon(true);
        thread.start();
    }

    private void acceptAll() {
        while (true) {
            C c;
            try {
                c = acceptor.accept();
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (!closed) {
                        failed = e instanceof IOException io ? io : new IOException(Failures.oneLine(e), e);
                    }
                    notifyAll();
                }
                return;
            }
            String refusal = Streams.refusal(allow, c.peer());
            if (refusal == null) {
                synchronized (this) {
                    if (closed) {
                        refusal = "the server is stopping";
                    } else if (waiting.size() + held.size() < capacity) {
                        waiting.addLast(c);
                        notifyAll();
                        continue;
                    } else {
                        refusal = "busy with a run from " + (holder == null ? "another sender" : Hosts.endpoint(holder))
                                + " (recv " + Setting.SERVE.ref() + " takes one run at a time: the sender can try again)";
                    }
                }
            }
            listener.refused(c.peer(), refusal);
            c.close();
        }
    }

    /**
     * The next connection let in, waiting at most wait (null: until one comes or the run is ended); it holds a
     * slot until {@link #release}d. A wait that runs out fails the run, as an accept that timed out.
     */
    C take(Duration wait, Control control, String what) throws IOException {
        long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        try (Watchdog.Armed a = control.register(this::wake)) {
            synchronized (this) {
                while (waiting.isEmpty() && failed == null && !closed && !control.ended()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        control.fail("no connection from " + what + " in " + Durations.text(wait) + " on "
                                + Hosts.endpoint(acceptor.local()));
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                if (!control.ended() && !waiting.isEmpty()) {
                    C c = waiting.removeFirst();
                    held.add(c);
                    if (held.size() == 1) {
                        holder = c.peer();
                    }
                    return c;
                }
                if (failed != null && !control.ended()) {
                    throw failed;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a connection");
        }
        throw RunEnded.of(control, "while waiting for a connection on port " + acceptor.local().getPort());
    }

    private synchronized void wake() {
        notifyAll();
    }

    /** The stream on c is over (its transfer ended, or the run did): its slot is free for the next run. */
    void release(C c) {
        held.remove(c);
    }

    void releaseAll(Collection<C> conns) {
        conns.forEach(held::remove);
    }

    /** Stops accepting (the listening socket is shut down) and closes what was let in and not taken. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.forEach(Connection::close);
            waiting.clear();
            notifyAll();
        }
        acceptor.abort();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
