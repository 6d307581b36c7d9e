package org.kttcp4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every run subcommand shares. */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-e", "--engine"}, paramLabel = "engine",
            description = "kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux).")
    String engine;

    @Option(names = "--receiver-engine", paramLabel = "engine", description = "loopback: the receiver's engine (default: --engine).")
    String receiverEngine;

    @Option(names = {"-n", "--bytes"}, paramLabel = "bytes", converter = ByteCount.class,
            description = "Bytes to send, k/m/g suffixes.")
    Long bytes;

    @Option(names = "--time", paramLabel = "duration", converter = Durations.class,
            description = "Send for this long instead of a byte count (10s, 500ms, 2m).")
    Duration time;

    @Option(names = {"-p", "--port"}, paramLabel = "port", description = "TCP port.")
    Integer port;

    @Option(names = {"-B", "--bind"}, paramLabel = "address", description = "Local address to listen on.")
    String bind;

    @Option(names = {"-b", "--sockbuf"}, paramLabel = "bytes", converter = ByteCount.class, split = ",",
            description = "SO_SNDBUF/SO_RCVBUF to ask for (default: the kernel's autotuning); several, comma-separated,"
                    + " run each in turn and print a table (64k,256k,1m,4m).")
    List<Long> sockbuf;

    @Option(names = {"-i", "--interval"}, paramLabel = "duration", converter = Durations.class,
            description = "Print a line per interval, as iperf3 does (1s, 500ms).")
    Duration interval;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run N times and print min, median, max and standard deviation.")
    int repeat;

    @Option(names = {"-R", "--reverse"}, description = "Reverse: the connecting end receives and the accepting end sends.")
    boolean reverse;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "Parallel TCP streams, with per-stream lines and a sum.")
    int parallel;

    @Option(names = "--json-stream", description = "One JSON event per line: start, each interval, end (iperf3 3.17's --json-stream).")
    boolean jsonStream;

    @Option(names = {"-q", "--quiet"}, description = "No live progress line.")
    boolean quiet;

    @Option(names = {"-l", "--buffer"}, paramLabel = "bytes", converter = ByteCount.class,
            description = "Write/read size of the user and nio engines, bytes per sendfile of splice (default 128k).")
    Long buffer;

    @Option(names = "--waitall", description = "user engine receiver: recv(2) with MSG_WAITALL for the whole buffer.")
    boolean waitAll;

    @Option(names = "--rcvlowat", paramLabel = "bytes", converter = ByteCount.class,
            description = "Receiving end: SO_RCVLOWAT, wake only once this many bytes are in (kttcp, splice, user).")
    Long rcvlowat;

    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;

    @Option(names = {"-J", "--json"}, description = "One JSON document (iperf3's shape) instead of text.")
    boolean json;

    @Option(names = "--kernel", paramLabel = "kernel", description = "Kernel for native engines: host (default), rump:DIR (a NetBSD rump kernel in DIR), or rumpclient:URL (a running rump server, unix:///path/a.sock).")
    String kernel;

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Kernel kernel() {
        return KernelOption.resolve(kernel);
    }

    Family family() {
        if (ipv4 && ipv6) {
            throw new ParameterException(spec.commandLine(), "-4 and -6 are exclusive: give one or neither");
        }
        return ipv4 ? Family.V4 : ipv6 ? Family.V6 : Family.ANY;
    }

    String engineName(Kernel k) {
        return engine != null ? engine : Engines.defaultName(k.abi());
    }

    int intOption(Long v, String name, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), name + " must be from 1 to 2147483647 bytes, got " + v);
        }
        return (int) (long) v;
    }

    int port(int dflt) {
        int p = port == null ? dflt : port;
        if (p < 0 || p > 65535) {
            throw new ParameterException(spec.commandLine(), "invalid port " + p + ": give a number from 0 to 65535");
        }
        return p;
    }

    EngineConfig engineConfig(Kernel k) {
        return new EngineConfig(() -> k, intOption(buffer, "--buffer", EngineConfig.DEFAULT_BUFFER), waitAll);
    }

    /**
     * --waitall (the user engine's) and --rcvlowat (any engine's but nio's) are options of the receiving end:
     * refused, with the fix, where this process's receiving end (receivingEngine, null when it only sends) cannot
     * use them.
     */
    void checkReceiverOptions(String receivingEngine) {
        if (rcvlowat != null) {
            if (receivingEngine == null) {
                throw new ParameterException(spec.commandLine(), "--rcvlowat applies to the receiving end, and this"
                        + " one sends: give --rcvlowat to the receiver, or add --reverse");
            }
            if (receivingEngine.equals("nio")) {
                throw new ParameterException(spec.commandLine(), "--rcvlowat needs SO_RCVLOWAT, which the JDK's"
                        + " channels (the nio engine) lack: receive with --engine user or splice");
            }
        }
        if (!waitAll) {
            return;
        }
        if (receivingEngine == null) {
            throw new ParameterException(spec.commandLine(), "--waitall applies to the receiving end, and this one"
                    + " sends: give --waitall to the receiver, or add --reverse");
        }
        if (!receivingEngine.equals("user")) {
            throw new ParameterException(spec.commandLine(), "--waitall is the user engine's (recv with MSG_WAITALL),"
                    + " and the receiving engine here is " + receivingEngine + ": add --engine user"
                    + " (loopback: --receiver-engine user)");
        }
    }

    /** The socket-buffer sizes to run, 0 for the kernel's autotuning when none was given. */
    List<Integer> sockbufs() {
        List<Integer> out = new ArrayList<>();
        if (sockbuf == null || sockbuf.isEmpty()) {
            out.add(0);
        } else {
            for (Long v : sockbuf) {
                out.add(intOption(v, "--sockbuf", 0));
            }
        }
        return out;
    }

    int repeat() {
        if (repeat < 1 || repeat > 10_000) {
            throw new ParameterException(spec.commandLine(), "--repeat must be from 1 to 10000, got " + repeat);
        }
        return repeat;
    }

    RunSettings settings(Kernel k, long defaultBytes, int defaultPort) {
        if (parallel < 1 || parallel > 128) {
            throw new ParameterException(spec.commandLine(), "--parallel must be from 1 to 128, got " + parallel);
        }
        if (json && jsonStream) {
            throw new ParameterException(spec.commandLine(), "--json and --json-stream are exclusive: give one");
        }
        sockbufs();
        repeat();
        if (time != null && bytes != null) {
            throw new ParameterException(spec.commandLine(), "--time and --bytes are exclusive: give one");
        }
        long n = bytes == null ? defaultBytes : bytes;
        if (n <= 0) {
            throw new ParameterException(spec.commandLine(), "--bytes must be more than 0");
        }
        String tx = engineName(k);
        return new RunSettings(tx, receiverEngine != null ? receiverEngine : tx, time == null ? n : Long.MAX_VALUE,
                time, sockbufs().get(0), intOption(buffer, "--buffer", EngineConfig.DEFAULT_BUFFER), waitAll, family(),
                port(defaultPort), bind, parallel, reverse, interval,
                rcvlowat == null ? 0 : intOption(rcvlowat, "--rcvlowat", 0));
    }
}
