package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Event;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Watchdog;

/**
 * A loopback run in two processes: the accepting end runs in a child JVM ({@link ChildEnd}) as exactly the
 * {@code recv} run its settings make ({@link ChildWire#receiverOf}), and this process plays the connecting end
 * as {@code send 127.0.0.1 --port PORT} does ({@link Connecting}), one run of the series at a time. Each
 * end's SideResults carry its own process's CPU; the run's CPU is both processes' ({@link RunResult#peerCpu}).
 *
 * <p>The child ({@link ChildProcess}) gets its settings as one line of JSON, and answers in --json-stream's
 * events ({@link ChildWire}). Every wait on it is bounded: its "listening" event by the connect timeout, each
 * run's "end" event by the connect timeout plus {@link Streams#AFTER_ABORT}. It is destroyed with its descendants on
 * every path out of the series ({@link #close}) (the end, an error, a signal that stopped the run); if this process dies
 * without that, the child sees its standard input end and halts. A child that exits during a run fails the run
 * with a message that names its exit status and its last line on stderr; what this end moved is reported.
 */
final class TwoProcessLoopback implements Topology {
    private final Run run;
    private final ChildProcess child;
    private volatile Control current;
    /** The failure the child's exit gave the run it ended (this end's streams then report it as theirs). */
    private volatile String childExit = "";
    private InetSocketAddress at;
    private String gone;
    private Engine<?> local;
    private Connecting<?> connecting;

    private TwoProcessLoopback(Run run, ChildProcess child) {
        this.run = run;
        this.child = child;
        child.onExit(() -> {
            Control c = current;
            if (c != null) {
                String m = child.exitedMessage("during the run");
                childExit = m;
                c.fail(m);
            }
        });
    }

    /**
     * Starts the child (its settings checked here first, so a combination it refuses is this process's usage
     * error), makes and prepares this end's engine while the child's JVM starts, and waits for it to listen.
     */
    static TwoProcessLoopback start(Run run, EngineConfig cfg, RunListener listener) throws IOException {
        EngineKind mine = run.reverse() ? run.receiverEngineKind() : run.engineKind();
        RunSpec receiver = ChildWire.receiverOf(run);
        Run.Builder.of(receiver).build();
        TwoProcessLoopback p = new TwoProcessLoopback(run, ChildProcess.start(ChildWire.spec(receiver)));
        try {
            p.local = Engines.create(mine, cfg);
            if (!run.tcpOptions().isNone()) {
                p.local.transport().options(run.tcpOptions());
            }
            p.local.prepare(); // while the child's JVM starts
            p.awaitListening();
            p.connecting = Connecting.of(run, p.local, p.at == null ? List.of() : List.of(p.at), null,
                    RunListener.NONE);
            listener.started(run, p.local.describe());
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The child's PID. */
    long pid() {
        return child.pid();
    }

    /**
     * Waits for the child's "listening" event, at most the connect timeout; a signal (SIGINT, SIGTERM) ends the
     * wait at once, and the series it returns to stops before its first run.
     */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + run.connectTimeout().toNanos();
        String line = null;
        while (line == null && System.nanoTime() < deadline) {
            if (Signals.received() != null) {
                return;
            }
            line = child.next(Duration.ofMillis(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000))));
            if (line != null && line != ChildProcess.EOF && Event.START.equals(kind(line))) {
                line = null; // a run's "start" may come before its "listening"
            }
        }
        if (line == null) {
            throw new IOException("the receiving process (PID " + pid() + ") did not listen within "
                    + Durations.text(run.connectTimeout()) + " (a slow JVM start on a loaded machine? "
                    + Setting.CONNECT_TIMEOUT.ref() + " sets the wait; " + Setting.PROCESSES.ref() + " 1 runs both ends in"
                    + " this one)" + child.lastError());
        }
        if (line == ChildProcess.EOF) {
            throw new IOException(child.exitedMessage("before it listened"));
        }
        Event e = event(line);
        if (e != null && Event.ERROR.equals(e.event())) { // the recv run could not start: its own message ("bind ...")
            throw new IOException((String) e.data());
        }
        if (e == null || !Event.LISTENING.equals(e.event())) {
            throw new IOException("the receiving process (PID " + pid() + ") said '" + line + "' instead of its port");
        }
        at = ChildWire.listeningAt(e);
    }

    /** The child's event on this line, or null when it is none (a line cut short, another build's). */
    private static Event event(String line) {
        try {
            return ChildWire.event(line);
        } catch (IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** The name of the event on a line of the child's, or null. */
    private static String kind(String line) {
        Event e = event(line);
        return e == null ? null : e.event();
    }

    /**
     * One run: this process plays the connecting end as {@code send 127.0.0.1 --port PORT} does ({@link Connecting}),
     * then the child's ends and CPU are added from its "end" event ({@link #merge}).
     */
    @Override
    public RunResult run(Trial trial) throws IOException {
        if (gone != null) {
            throw new IOException(gone);
        }
        if (!child.alive()) {
            throw new IOException(child.exitedMessage("between runs"));
        }
        Control control = trial.control;
        current = control;
        List<SideResult> sides;
        // a signal that stops this end (SIGTERM to the process group reaches the child too, which waits for this
        // word) stops the child's end the same way, so it reports what it moved
        try (Watchdog.Armed relay = control.register(() -> {
            if (control.stopped() != null) {
                child.tell(ChildEnd.STOP + control.stopped());
            }
        })) {
            sides = connecting.sides(trial);
        } finally {
            current = null;
        }
        return merge(trial.result(sides));
    }

    /**
     * This process's run with the child's ends and CPU added (from the child's "end" event; its "start",
     * "summary" and a repeated "listening" are passed over); a child gone or silent fails this end instead.
     */
    private RunResult merge(RunResult mine) {
        Duration wait = run.connectTimeout().plus(Streams.AFTER_ABORT);
        long deadline = System.nanoTime() + wait.toNanos();
        String line;
        Event e;
        do {
            try {
                line = child.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (IOException x) {
                line = null;
            }
            e = line == null || line == ChildProcess.EOF ? null : event(line);
        } while (e != null && PASSED_OVER.contains(e.event()));
        ChildWire.ChildRun theirs = null;
        String unreadable = null;
        if (e != null && Event.END.equals(e.event())) {
            try {
                theirs = ChildWire.run((Document) e.data());
            } catch (IllegalArgumentException x) {
                unreadable = x.getMessage();
            }
        }
        if (theirs == null) {
            if (line == ChildProcess.EOF || !child.alive()) {
                child.waitExit(ChildProcess.EXIT_GRACE);
                gone = child.exitedMessage("during the run");
            } else if (line == null) {
                gone = "no report from the receiving process (PID " + pid() + ") within " + Durations.text(wait)
                        + " after the run" + child.lastError();
                child.destroy();
            } else if (reason(e) != null) {
                gone = "the receiving process (PID " + pid() + ") ended: " + reason(e);
                child.destroy();
            } else if (unreadable != null) {
                gone = "the receiving process (PID " + pid() + ") sent a run this process cannot read: " + unreadable;
                child.destroy();
            } else {
                gone = "the receiving process (PID " + pid() + ") said '" + line + "' instead of its run";
                child.destroy();
            }
            // this end's own error, unless it is the child's exit already (the control's failure, told by onExit)
            List<SideResult> failed = mine.sides().stream().map(s -> s.stopped() != null ? s : s.withEnding(
                    gone + (s.error() == null || childExit.equals(s.error()) ? "" : "; this end: " + s.error()),
                    null)).toList();
            // two processes still, the child's CPU unknown (it is not in the run's figure)
            return new RunResult(mine.run(), mine.sockbuf(), mine.index(), mine.started(), failed, mine.intervals(),
                    mine.cpu(), mine.wallNanos(), pid(), null);
        }
        String stopped = mine.stopped().orElse(null);
        List<SideResult> sides = new ArrayList<>(mine.sides());
        for (SideResult s : theirs.sides()) {
            // stopped here (a signal): the child's end saw the connection end under it, and was stopped too
            sides.add(stopped == null ? s : s.withEnding(null, stopped));
        }
        sides.sort(Comparator.comparing(SideResult::role).thenComparing(SideResult::stream));
        return new RunResult(mine.run(), mine.sockbuf(), mine.index(), mine.started(), List.copyOf(sides),
                mine.intervals(), mine.cpu().plus(theirs.cpu()), mine.wallNanos(), pid(), theirs.cpu());
    }

    /** The child's events a run's merge passes over on its way to the run's "end". */
    private static final List<String> PASSED_OVER = List.of(Event.START, Event.INTERVAL, Event.SUMMARY,
            Event.LISTENING);

    /** The child's own reason, from an "error" or "stopped" event, or null. */
    private static String reason(Event e) {
        if (e == null || !(e.data() instanceof String s)) {
            return null;
        }
        return Event.ERROR.equals(e.event()) ? s : Event.STOPPED.equals(e.event()) ? "stopped by " + s : null;
    }

    /** Closes this end's engine, then the child: told to go, and killed if it does not. */
    @Override
    public void close() {
        try {
            if (local != null) {
                local.close();
            }
        } finally {
            child.close();
        }
    }
}
