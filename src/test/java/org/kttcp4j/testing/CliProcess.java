package org.kttcp4j.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kttcp4j (or another program) as a separate process, as a user runs it. Output goes to files so a chatty
 * process never blocks on a full pipe; every process is stopped by its own PID when the test is done.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts kttcp4j's main class from the test class path. */
    public static CliProcess kttcp4j(String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                "org.kttcp4j.cli.Main"));
        cmd.addAll(List.of(args));
        return start(cmd, null);
    }

    /** Starts any program, optionally with a file as its standard input. */
    public static CliProcess start(List<String> cmd, File stdin) {
        try {
            Path out = Files.createTempFile("kttcp4j-out", ".txt");
            Path err = Files.createTempFile("kttcp4j-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                pb.redirectInput(stdin);
            } else {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            return new CliProcess(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits at most the given seconds; fails the test (after killing the process) when it has not exited. */
    public int waitFor(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                String why = stderr();
                close();
                throw new AssertionError("process " + process.pid() + " did not exit within " + seconds + " s; stderr: " + why);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    /** Waits, bounded, until stderr or stdout contains text (a server saying it listens). */
    public void awaitOutput(String text, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (stderr().contains(text) || stdout().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("process exited before printing '" + text + "': " + stderr() + stdout());
            }
            sleep(20);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s: " + stderr() + stdout());
    }

    /**
     * Waits, bounded, for kttcp4j's "listening on ADDRESS port N" and returns N: the port a receiver started with
     * --port 0 was given by the kernel, so no other process can have taken it in between, as one from
     * {@link #freePort} can.
     */
    public int awaitListeningPort(int seconds) {
        awaitOutput("listening on", seconds);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on \\S+ port (\\d+)").matcher(stderr());
        if (!m.find()) {
            throw new AssertionError("no port in the listening line: " + stderr());
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the process and every process it started (script(1)'s shell and the JVM under it), each by its own
     * PID: SIGTERM to all, then, after at most 5 s, SIGKILL to whatever is left; waits at most 5 s more. The
     * descendants are listed before the parent is signalled, while they are still its children.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still alive: killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // a process that survives SIGKILL for 5 s is the kernel's problem, not this test's
            }
        }
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException e) {
            // a leftover temp file is not worth failing a test over
        }
    }

    /** The first port of the range freePort hands out in this test JVM (see {@link #freePort}). */
    private static final int PORT_BASE = 20000 + 3000 * (Math.max(1, Math.min(4,
            Integer.getInteger("kttcp4j.test.fork", 1))) - 1);
    private static final int PORT_SPAN = 3000;
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger((int) (ProcessHandle.current().pid() % PORT_SPAN));

    /**
     * A TCP port that was free a moment ago, for a process the test starts next. It comes from a range of 3,000
     * ports below Linux's ephemeral range (32768-60999, net.ipv4.ip_local_port_range), one range per test JVM
     * (Surefire's fork number, kttcp4j.test.fork: modules/cli/pom.xml), taken in turn: so no connection's own
     * local port, and no other test JVM's freePort, takes it in the moment before the process listens on it (a
     * port asked of the kernel with bind(0) is an ephemeral one, which any connect may be given meanwhile).
     */
    public static int freePort() {
        for (int i = 0; i < PORT_SPAN; i++) {
            int port = PORT_BASE + Math.floorMod(NEXT_PORT.getAndIncrement(), PORT_SPAN);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException e) {
                // taken: the next one
            }
        }
        throw new IllegalStateException("no free TCP port in " + PORT_BASE + "-" + (PORT_BASE + PORT_SPAN - 1)
                + ": something on this machine holds them all (ss -ltn)");
    }

    /** The path of a program on PATH, or null. */
    public static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
