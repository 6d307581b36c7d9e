package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kttcp4j.testing.CliProcess;

/**
 * Two (or, with --router, three) network namespaces made by ci/netns.sh, for tests that run kttcp4j as two
 * processes on two hosts joined by a real (virtual) link. Skipped, with the reason, where they cannot exist:
 * not Linux, not root, no iproute2, or a kernel where `ip netns add` fails. A test class (or method) asks for
 * one with {@link WithNetnsLab}. Each lab has its own name prefix (K4J_NETNS), so labs of parallel runs do not
 * clash; {@link #close()} removes the namespaces and with them every interface and process left inside.
 */
public final class NetnsLab implements AutoCloseable {
    static final Path SCRIPT = Path.of("ci", "netns.sh").toAbsolutePath();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String prefix;
    private final Map<String, String> env;
    private final List<CliProcess> started = new ArrayList<>();

    private NetnsLab(String prefix, Map<String, String> env) {
        this.prefix = prefix;
        this.env = env;
    }

    /** A prefix no other lab of this JVM or of another JVM running now uses. */
    static String uniquePrefix() {
        return "k4jt" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** Skips the calling test, with the reason, where network namespaces cannot be made. */
    static void assumeAvailable() {
        String why = unavailable();
        assumeTrue(why == null, why);
    }

    /** Probed once per JVM: the answer does not change while the tests run. */
    private static String unavailableReason;
    private static boolean probed;

    /**
     * Why network namespaces cannot be made here (not Linux, not root, no iproute2, `ip netns add` refused), or
     * null when they can.
     */
    static synchronized String unavailable() {
        if (!probed) {
            unavailableReason = probe();
            probed = true;
        }
        return unavailableReason;
    }

    private static String probe() {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return "network namespaces are Linux's; this is " + System.getProperty("os.name");
        }
        if (uid() != 0) {
            return "network namespaces need root (ip netns add): run the tests as root";
        }
        if (CliProcess.which("ip") == null || CliProcess.which("tc") == null) {
            return "ip or tc not found: apt-get install iproute2";
        }
        String probe = "k4jprobe" + ProcessHandle.current().pid();
        Result add = exec(10, List.of("ip", "netns", "add", probe), Map.of());
        exec(10, List.of("ip", "netns", "del", probe), Map.of());
        return add.status == 0 ? null : "`ip netns add` does not work here: " + add.err.trim();
    }

    static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * ci/netns.sh up OPTIONS under a fresh prefix, where namespaces can be made ({@link #unavailable()} null:
     * tests get their lab from {@link WithNetnsLab}, which skips them otherwise); fails the test (not skips) when
     * the script fails.
     */
    static NetnsLab up(String... options) {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException("no lab here: " + why);
        }
        String prefix = uniquePrefix();
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString(), "up"));
        cmd.addAll(List.of(options));
        Result r = exec(60, cmd, Map.of("K4J_NETNS", prefix));
        if (r.status != 0) {
            throw new AssertionError("ci/netns.sh up " + String.join(" ", options) + " failed (" + r.status + "): " + r.err);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : r.out.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("K4J_") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new NetnsLab(prefix, env);
    }

    String prefix() {
        return prefix;
    }

    /** A value ci/netns.sh printed, by its name without K4J_ (ADDR_A, NS_B, DEV_A, RATE, MTU...). */
    String get(String key) {
        String v = env.get("K4J_" + key);
        if (v == null) {
            throw new AssertionError("ci/netns.sh printed no K4J_" + key + ": " + env);
        }
        return v;
    }

    /** The first address of side A or B (A2, B2: the second one). */
    String addr(String side) {
        return get("ADDR_" + side);
    }

    String ns(String side) {
        return get("NS_" + side);
    }

    /** kttcp4j's main class from the test class path, as a process inside namespace side. */
    CliProcess kttcp4j(String side, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(side),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // start-up is most of a short run's time on a shared 2-CPU machine; the serial collector,
                // the class-data archive and C1 alone shorten it; C1's code moves far more than these links carry
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.kttcp4j.cli.Main"));
        cmd.addAll(List.of(args));
        return start(cmd);
    }

    /** Any program inside namespace side (`ip netns exec` execs it: the PID is the program's own). */
    CliProcess spawn(String side, String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns(side)));
        all.addAll(List.of(cmd));
        return start(all);
    }

    private CliProcess start(List<String> cmd) {
        CliProcess p = CliProcess.start(cmd, null);
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** A short command inside namespace side, waited for (bounded). */
    Result run(String side, String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns(side)));
        all.addAll(List.of(cmd));
        return exec(30, all, Map.of());
    }

    /** ci/netns.sh with this lab's prefix. */
    Result script(String... args) {
        List<String> cmd = new ArrayList<>(List.of(SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return exec(60, cmd, Map.of("K4J_NETNS", prefix));
    }

    /** The namespaces whose names start with prefix, as `ip netns list` shows them. */
    static List<String> namespaces(String prefix) {
        List<String> names = new ArrayList<>();
        for (String line : exec(10, List.of("ip", "netns", "list"), Map.of()).out.split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(prefix + "-")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Stops every process this lab started (by PID), then removes the namespaces. */
    @Override
    public void close() {
        synchronized (started) {
            for (CliProcess p : started) {
                p.close();
            }
            started.clear();
        }
        Result r = script("down");
        if (r.status != 0) {
            throw new AssertionError("ci/netns.sh down failed (" + r.status + "): " + r.err);
        }
    }

    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + ", stdout: " + out + ", stderr: " + err;
        }
    }

    /** Runs a command to completion within seconds (killed by PID and failed after that). */
    static Result exec(int seconds, List<String> cmd, Map<String, String> extraEnv) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("kttcp4j-netns-out", ".txt");
            err = Files.createTempFile("kttcp4j-netns-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(extraEnv);
            p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            for (Path f : new Path[] {out, err}) {
                try {
                    if (f != null) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // a leftover temp file is not worth failing a test over
                }
            }
        }
    }
}
