package org.kttcp4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two NetBSD rump kernels on one shmif Ethernet, started by the project's own native/rump/two-kernels.sh with
 * KTTCP4J_RUMP_DIR's build, and stopped by the same script (which stops the servers by the PIDs it recorded);
 * if the script cannot, the two PIDs it printed are killed here.
 */
public final class TwoRumpKernels implements AutoCloseable {
    static final Path SCRIPT = Path.of("native", "rump", "two-kernels.sh").toAbsolutePath();

    private final Path state;
    private final Map<String, String> vars;

    private TwoRumpKernels(Path state, Map<String, String> vars) {
        this.state = state;
        this.vars = vars;
    }

    /** Starts the pair with its state (sockets, bus file, PID files, logs) in stateDir. */
    public static TwoRumpKernels start(Path stateDir) throws IOException, InterruptedException {
        return start(stateDir, true);
    }

    /**
     * Starts the pair, with IPv6 or, inet6 false, without (no librumpnet_netinet6: socket(AF_INET6) fails with
     * EAFNOSUPPORT, as on a NetBSD kernel without options INET6; two-kernels.sh's KTTCP4J_RUMP_INET6=no).
     */
    public static TwoRumpKernels start(Path stateDir, boolean inet6) throws IOException, InterruptedException {
        Result r = script(List.of("start", stateDir.toString()), 60, Map.of("KTTCP4J_RUMP_INET6", inet6 ? "yes" : "no"));
        if (r.status != 0) {
            throw new AssertionError("two-kernels.sh start failed (" + r.status + "): " + r.err);
        }
        Map<String, String> vars = new HashMap<>();
        for (String line : r.out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        TwoRumpKernels t = new TwoRumpKernels(stateDir, vars);
        for (String k : List.of("A_URL", "A_ADDR", "A_PID", "B_URL", "B_ADDR", "B_PID")) {
            if (!vars.containsKey(k)) {
                t.close();
                throw new AssertionError("two-kernels.sh start printed no " + k + ": " + r.out + r.err);
            }
        }
        return t;
    }

    public String urlA() { return vars.get("A_URL"); }
    public String urlB() { return vars.get("B_URL"); }
    public String addrA() { return vars.get("A_ADDR"); }
    public String addrB() { return vars.get("B_ADDR"); }
    public long pidA() { return Long.parseLong(vars.get("A_PID")); }
    public long pidB() { return Long.parseLong(vars.get("B_PID")); }
    public Path state() { return state; }

    /** --kernel for kernel A or B. */
    public String kernelA() { return "rumpclient:" + urlA(); }
    public String kernelB() { return "rumpclient:" + urlB(); }

    /** The servers' own log (stderr) of kernel "a" or "b". */
    public String log(String name) {
        try {
            return Files.readString(state.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** two-kernels.sh restart a|b: that kernel started again on the same socket, bus and address. */
    public Result restart(String which) throws IOException, InterruptedException {
        Result r = script(List.of("restart", which, state.toString()), 60);
        for (String line : r.out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return r;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = script("stop", state, 30);
        for (String k : List.of("A_PID", "B_PID")) {
            String pid = vars.get(k);
            if (pid != null) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    if (h.info().command().orElse("").endsWith("rump_server")) {
                        h.destroyForcibly();
                    }
                });
            }
        }
        if (r.status != 0) {
            throw new AssertionError("two-kernels.sh stop failed (" + r.status + "): " + r.err);
        }
    }

    public record Result(int status, String out, String err) {}

    static Result script(String cmd, Path stateDir, int seconds) throws IOException, InterruptedException {
        return script(List.of(cmd, stateDir.toString()), seconds);
    }

    static Result script(List<String> args, int seconds) throws IOException, InterruptedException {
        return script(args, seconds, Map.of());
    }

    static Result script(List<String> args, int seconds, Map<String, String> env)
            throws IOException, InterruptedException {
        String cmd = String.join(" ", args);
        Path out = Files.createTempFile("two-kernels", ".out");
        Path err = Files.createTempFile("two-kernels", ".err");
        try {
            List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("two-kernels.sh " + cmd + " did not finish within " + seconds + " s: "
                        + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
