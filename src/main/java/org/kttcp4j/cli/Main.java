package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.Interrupts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * kttcp4j's command line. Without a subcommand it is a drop-in for NetBSD's C kttcp tool (-r/-t and its flags,
 * output and exit codes); the subcommands are the richer runs.
 */
@Command(name = "kttcp4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        subcommands = {LoopbackCommand.class, SendCommand.class, RecvCommand.class, AbiCommand.class},
        description = {
            "TCP throughput, measured with NetBSD's in-kernel kttcp(4) source and sink where it exists, and "
                + "with kernel, user-space and JDK engines everywhere else.",
            "",
            "Without a subcommand, a drop-in for the C kttcp tool:",
            "  kttcp4j -r [-b sockbufsize] [-n bytes] [-p port] [-q] [-v] [-4|-6]",
            "  kttcp4j -t [-b sockbufsize] [-n bytes] [-p port] [-q] [-v] [-4|-6] host",
            ""},
        footer = {"",
            "Examples:",
            "  kttcp4j loopback                  1 GiB over 127.0.0.1, best engine here",
            "  kttcp4j loopback -e user --json   the user-space engine, as JSON",
            "  kttcp4j -r                        receive like the C tool (port 22222)",
            "  kttcp4j -t -n 1g rx.example.org   send 1 GiB like the C tool",
            "  kttcp4j recv --port 5001          receive, human-readable output",
            "  kttcp4j send rx.example.org --port 5001 --time 10s --interval 1s",
            "  kttcp4j abi --json                the ABI the binding uses here",
            "",
            "Exit status: 0 success, 1 bad usage, 2 the run failed (an error, or a partial transfer)."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-r", description = "Receive (the C tool's receiver).")
    boolean receive;

    @Option(names = "-t", description = "Transmit to host (the C tool's sender).")
    boolean transmit;

    @Option(names = "-b", paramLabel = "sockbufsize", converter = ByteCount.class,
            description = "Socket buffer size, k/m/g suffixes (default: ${DEFAULT-VALUE}).", defaultValue = "65536")
    long sockbuf;

    @Option(names = "-n", paramLabel = "bytes", converter = ByteCount.class,
            description = "Bytes to send (default 10m) or at most receive (default 2147483647); may exceed 2g.")
    Long bytes;

    @Option(names = "-p", paramLabel = "port", description = "Port (default: ${DEFAULT-VALUE}).", defaultValue = "22222")
    String port;

    @Option(names = "-q", description = "Quiet: no connection lines.")
    boolean quiet;

    @Option(names = "-v", description = "Verbose: add the CPU-seconds line.")
    boolean verbose;

    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;

    @Option(names = "-w", hidden = true, description = "Accepted and ignored, as the C tool does.")
    String ignoredW;

    @Option(names = {"-e", "--engine"}, paramLabel = "engine",
            description = "Engine for -r/-t: kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux).")
    String engine;

    @Option(names = "--kernel", paramLabel = "kernel", description = "Kernel for native engines: host (default), rump:DIR (a NetBSD rump kernel in DIR), or rumpclient:URL (a running rump server, unix:///path/a.sock).")
    String kernel;

    @Parameters(arity = "0..1", paramLabel = "host", description = "The receiver, with -t.")
    String host;

    @Override
    public Integer call() throws IOException {
        if (receive == transmit) {
            throw new CommandLine.ParameterException(spec.commandLine(), receive
                    ? "-r and -t are exclusive: give one"
                    : "nothing to do: give -r (receive), -t host (transmit) or a subcommand such as loopback");
        }
        return new CompatRun(this, spec.commandLine()).run();
    }

    /** Runs the command line and returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out, true));

        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("kttcp4j: " + ex.getMessage() + " (see: kttcp4j "
                    + (ex.getCommandLine().getParent() == null ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help)");
            return Exits.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("kttcp4j: " + Errors.oneLine(ex));
            return ex instanceof IllegalArgumentException ? Exits.USAGE : Exits.RUNTIME;
        });
        return cmd.execute(args);
    }

    public static void main(String[] args) {
        Interrupts.install();
        int code = run(System.out, System.err, args);
        Interrupts.reported();
        System.out.flush();
        System.exit(code);
    }
}
