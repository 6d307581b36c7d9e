package org.kttcp4j.run;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.kttcp4j.document.Event;
import org.kttcp4j.document.Json;
import org.kttcp4j.net.Watchdog;
import sun.misc.Signal;

/**
 * The accepting end of a loopback run in two processes ({@link TwoProcessLoopback}): a child JVM that reads its
 * {@link RunSpec} as JSON from the first line of its standard input ({@link ChildWire}), runs it as the recv run
 * it is, and tells its parent on its standard output, one JSON event a line, where it listens ("listening") and
 * then what --json-stream prints of its runs ({@link ChildEvents}: each run's "start" and "end", a series'
 * "summary", "error" or "stopped"); a run that cannot start is an "error" event.
 *
 * <p>It never outlives its parent: once its standard input ends (the parent exited, however it died: the pipe's
 * write end is closed by the kernel) or the parent's process is gone, it halts. SIGINT and SIGTERM wait for the
 * parent's word ({@link #signalled}: a signal to the process group reaches both, and the parent stops the run and
 * reports both ends); SIGKILL ends it as any process, and the parent reports it.
 */
public final class ChildEnd {
    /** The exit status when the parent went away. */
    static final int ORPHANED = 3;

    private ChildEnd() {}

    public static void main(String[] args) {
        Writer out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        System.setOut(System.err); // nothing else may write to the parent's pipe: a stray line would be skipped anyway
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String settings;
        try {
            settings = in.readLine();
        } catch (IOException e) {
            settings = null;
        }
        if (settings == null) {
            System.err.println("kttcp4j child: no settings on standard input (it is started by a loopback run)");
            System.exit(1);
            return;
        }
        watchParent(in);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> signalled("SIG" + s.getName(), s.getNumber()));
            } catch (IllegalArgumentException e) {
                // -Xrs or a JVM that uses the signal: it then ends the child, and the parent reports it
            }
        }
        int status;
        try {
            Run run = Run.Builder.of(ChildWire.spec(settings)).build();
            RunListener events = ChildEvents.load().listener(out);
            run.execute(new RunListener() {
                @Override
                public void listening(InetSocketAddress local) {
                    Json.event(out, ChildWire.listening(local));
                }

                @Override
                public void runStarted(Run r, int sockbuf, int index) {
                    events.runStarted(r, sockbuf, index);
                }

                @Override
                public void runEnded(RunResult result) {
                    events.runEnded(result);
                }

                @Override
                public void summary(List<SummaryRow> rows) {
                    events.summary(rows);
                }

                @Override
                public void finished(Results results) {
                    events.finished(results); // "error" or "stopped" when the series ended early
                }

                @Override
                public boolean keepsRuns() {
                    return false; // each run went to the parent as it ended: a long series keeps none
                }
            });
            status = 0;
        } catch (Exception e) {
            Json.event(out, Event.error(Failures.oneLine(e))); // the parent reports it as its own
            System.err.println("kttcp4j child: " + Failures.oneLine(e));
            status = 2;
        }
        System.exit(status);
    }

    private static volatile String firstSignal;

    /**
     * SIGINT or SIGTERM: a terminal's Ctrl-C and a service manager's or CI runner's SIGTERM reach the whole process
     * group, and the parent stops the run and tells this process on its standard input ({@link #STOP}), so both ends
     * are reported. If no word comes within {@link #PARENT_GRACE} (the signal was sent to this process alone), it
     * stops its own run as the signal would; a second signal ends it at once.
     */
    private static void signalled(String name, int number) {
        if (firstSignal != null) {
            Runtime.getRuntime().halt(128 + number);
        }
        firstSignal = name;
        Watchdog.arm(PARENT_GRACE, () -> Signals.relayed(name));
    }

    /** The line a parent writes to stop the child's run: {@code stop SIGTERM}. */
    static final String STOP = "stop ";
    /** How long a signalled child waits for its parent's word before it stops its run itself. */
    static final Duration PARENT_GRACE = Duration.ofSeconds(3);

    /**
     * Halts this process when its standard input ends or its parent exits; a {@link #STOP} line stops its run as
     * the signal named would.
     */
    private static void watchParent(BufferedReader in) {
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(STOP)) {
                        Signals.relayed(line.substring(STOP.length()).trim());
                    }
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "kttcp4j-child-stdin");
        t.setDaemon(true);
        t.start();
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
    }
}
