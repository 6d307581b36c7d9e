package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.device.KttcpDevice;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.formats.KttcpToolReporter;
import org.kttcp4j.run.Failures;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.Signals;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * kttcp4j's command line. Without a subcommand it is a drop-in for NetBSD's C kttcp tool (-r/-t and its flags,
 * output and exit codes: pkgsrc benchmarks/kttcp/files/kttcp.c rev 1.5, docs/netbsd.md "The C tool it pairs
 * with"); the subcommands are the richer runs. Both build one Run and print it with one reporter.
 */
@Command(name = "kttcp4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        subcommands = {LoopbackCommand.class, SendCommand.class, RecvCommand.class, AbiCommand.class,
            CompareCommand.class, ReportCommand.class, PlanCommand.class, AutoComplete.GenerateCompletion.class},
        customSynopsis = { // the C tool's two forms first (kttcp.c's usage), then the commands
            "@|bold kttcp4j -r|@ [@|bold -46qv|@] [@|bold -b|@ @|italic sockbufsize|@] [@|bold -e|@ @|italic engine|@]"
                + " [@|bold -n|@ @|italic bytes|@] [@|bold -p|@ @|italic port|@]",
            "       @|bold kttcp4j -t|@ [@|bold -46qv|@] [@|bold -b|@ @|italic sockbufsize|@] [@|bold -n|@ @|italic bytes|@]"
                + " [@|bold -p|@ @|italic port|@] @|italic host|@",
            "       @|bold kttcp4j|@ @|italic command|@ [@|italic options|@]"},
        descriptionHeading = "%n",
        description = {
            "TCP throughput, measured with NetBSD's in-kernel kttcp(4) source and sink where it exists, and "
                + "with kernel, user-space and JDK engines everywhere else.",
            "",
            "With -r or -t it is a drop-in for the C kttcp tool: its options, output and exit codes. The commands "
                + "are the richer runs (time runs, intervals, parallel streams, repeats, JSON) and their tools."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kttcp4j loopback                  1 GiB over 127.0.0.1, best engine here",
            "  kttcp4j loopback -e user --json   the user-space engine, as JSON",
            "  kttcp4j -r                        receive like the C tool (port 22222)",
            "  kttcp4j -t -n 1g rx.example.org   send 1 GiB like the C tool",
            "  kttcp4j recv --port 5001          receive, human-readable output",
            "  kttcp4j send rx --port 5001 -t 10s -i 1s   send for 10 s, a line a second",
            "  kttcp4j abi --json                the ABI the binding uses here"})
public final class Main implements Callable<Integer> {
    /** kttcp.c: KTTCP_XMITSIZE, the sender's default count. */
    static final long DEFAULT_SEND = 10L * 1024 * 1024;
    /** kttcp.c: the receiver's default is KTTCP_MAX_XMIT (0x7fffffff). */
    static final long DEFAULT_RECV = KttcpDevice.MAX_RECV;

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

    @Option(names = "-p", paramLabel = "port", converter = Ports.CToolPort.class, defaultValue = "22222",
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

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

    @Option(names = {"-e", "--engine"}, paramLabel = "engine", completionCandidates = Candidates.EngineNames.class,
            description = "Engine for -r/-t: kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux).")
    String engine;

    @Option(names = "--kernel", paramLabel = "kernel", description = "Kernel for native engines: host (default), rump:DIR (a NetBSD rump kernel in DIR), or rumpclient:URL (a running rump server, unix:///path/a.sock).")
    String kernel;

    @Parameters(arity = "0..1", paramLabel = "host", description = "The receiver, with -t.")
    String host;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if (!receive && !transmit && host != null) {
            List<String> like = new UnmatchedArgumentException(cmd, List.of(host)).getSuggestions();
            throw new ParameterException(cmd, "unknown command '" + host + "'" + (like.isEmpty() ? ""
                    : " (did you mean " + like.get(0) + "?)") + ": give a command ("
                    + String.join(", ", spec.subcommands().keySet()) + "), or -t to send to a host");
        }
        if (receive == transmit) {
            throw new ParameterException(cmd, receive
                    ? "-r and -t are exclusive: give one"
                    : "nothing to do: give -r (receive), -t host (transmit) or a command such as loopback");
        }
        Run run = Launch.build(cmd, this::compatRun);
        return Launch.execute(cmd, run, new KttcpToolReporter(cmd.getOut(), cmd.getErr(), quiet, verbose));
    }

    /** The C tool's run: one stream, SO_SNDBUF after connect, SO_RCVBUF after accept, listen backlog 1. */
    private Run compatRun() {
        if (ipv4 && ipv6) {
            throw new IllegalArgumentException("-4 and -6 are exclusive: give one or neither");
        }
        int sockbufSize = Options.toInt(sockbuf, "-b");
        Run.Builder b;
        if (transmit) {
            if (host == null) {
                throw new IllegalArgumentException("-t needs a host to send to: kttcp4j -t [options] host");
            }
            Family f = ipv4 ? Family.V4 : ipv6 ? Family.V6 : Family.ANY;
            AddressOptions.check(f, "host", host);
            long count = bytes == null ? DEFAULT_SEND : bytes;
            if (count <= 0) {
                throw new IllegalArgumentException("-n must be more than 0 bytes to transmit");
            }
            b = Run.send(host).bytes(count);
        } else {
            if (host != null) {
                throw new IllegalArgumentException("-r takes no host (got '" + host + "'): drop it, or use -t");
            }
            long count = bytes == null ? DEFAULT_RECV : bytes;
            if (count <= 0) {
                throw new IllegalArgumentException("-n must be more than 0 bytes");
            }
            b = Run.receive().upTo(count).backlog(1);
        }
        Kernel k = KernelOption.resolve(kernel);
        return b.kernel(k).engine(engine).sockbuf(sockbufSize).port(port)
                .family(ipv4 ? Family.V4 : ipv6 ? Family.V6 : Family.ANY)
                .build();
    }

    /** The command line, with kttcp4j's handlers: usage errors exit 1 with one line, failures 2. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        Exits.describe(cmd);
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kttcp4j: " + ex.getMessage() + (ex instanceof Launch.BadInput ? "" : " (see: kttcp4j "
                    + (c.getParent() == null ? "" : c.getCommandName() + " ") + "--help)"));
            c.getErr().flush();
            return Exits.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("kttcp4j: " + SettingFlags.named(Failures.oneLine(ex)));
            c.getErr().flush();
            return Exits.FAILED;
        });
        return cmd;
    }

    /** Runs the command line and returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    public static void main(String[] args) {
        Signals.install();
        int code = run(System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }
}
