package org.kttcp4j.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of a loopback run in two processes ({@link TwoProcessLoopback}): started with this JVM's java
 * binary, class path and JVM options (so a class-data sharing archive and -X options carry over) to run
 * {@link ChildEnd}; its settings go as the first line of its standard input, which then stays open (its end tells
 * the child that this process is gone). Its standard output is read line by line ({@link #next}), the last lines
 * of its stderr kept for the messages that say how it ended. {@link #close} tells it to go, waits a moment, then
 * kills it and its descendants.
 */
final class ChildProcess implements AutoCloseable {
    /** JVM options not to hand to the child: a debugger's fixed port, a CDS archive written at exit. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:jdwp", "-Xrunjdwp", "-Xdebug",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive");
    /** What {@link #next} returns once the child's output ended. */
    static final String EOF = "\u0000eof";
    /** How long the child may take to exit once told to (its stdin closed) before it is killed. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderr = new ArrayDeque<>();

    private ChildProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        reader(process.getInputStream(), true);
        reader(process.getErrorStream(), false);
    }

    /** Starts the child and hands it its settings (one line). */
    static ChildProcess start(String settings) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(a::startsWith)) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildEnd.class.getName());
        ChildProcess p = new ChildProcess(new ProcessBuilder(cmd).start());
        try {
            p.stdin.write((settings + "\n").getBytes(StandardCharsets.UTF_8));
            p.stdin.flush(); // and kept open: its end tells the child that this process is gone
        } catch (IOException e) {
            p.close();
            throw new IOException(p.exitedMessage("before it read its settings"), e);
        }
        return p;
    }

    /** Runs then when the child exits. */
    void onExit(Runnable then) {
        process.onExit().thenRun(then);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Writes one line to the child's standard input; a child that is gone is reported by its exit instead. */
    void tell(String line) {
        synchronized (stdin) {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // the child exited: its exit reports it
            }
        }
    }

    /** The next line of the child's (its own events only), {@link #EOF} when its output ended, or null on timeout. */
    String next(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null || line == EOF || ChildWire.isEvent(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the receiving process");
        }
    }

    /** "the receiving process (PID n) exited with status 137 (killed by signal 9) during the run: its stderr". */
    String exitedMessage(String when) {
        waitExit(EXIT_GRACE);
        String status = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue()
                + (process.exitValue() > 128 ? " (killed by signal " + (process.exitValue() - 128) + ")" : "");
        return "the receiving process (PID " + pid() + ") " + status + " " + when + lastError();
    }

    void waitExit(Duration d) {
        try {
            process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ": LAST LINE" of the child's stderr, or "". */
    String lastError() {
        synchronized (stderr) {
            return stderr.isEmpty() ? "" : ": " + stderr.peekLast();
        }
    }

    private void reader(InputStream s, boolean out) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (out) {
                        lines.add(line);
                    } else {
                        synchronized (stderr) {
                            stderr.addLast(line);
                            if (stderr.size() > 20) {
                                stderr.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe closed: the end of its output
            } finally {
                if (out) {
                    lines.add(EOF);
                }
            }
        }, "kttcp4j-child-" + (out ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    /** Kills the child and what it started. */
    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitExit(EXIT_GRACE);
    }

    /** Tells the child to go (its stdin ends), waits a moment, then kills it and its descendants. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        if (process.isAlive()) {
            waitExit(EXIT_GRACE);
        }
        destroy();
    }
}
