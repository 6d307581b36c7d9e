package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.TcpOptions;
import org.kttcp4j.posix.Kernel;

/**
 * A benchmark: what to run (mode, engines, kernel, size or duration, streams, socket buffers, repeats), and
 * {@link #execute} to run it. The command line builds one of these and nothing else runs a benchmark; a Java
 * program does the same:
 *
 * <pre>{@code
 * Results r = Run.loopback().engine("user").time(Duration.ofSeconds(5)).parallel(2)
 *         .interval(Duration.ofSeconds(1)).build()
 *         .execute(new RunListener() {
 *             public void interval(Interval in) { System.out.println(in.bytes()); }
 *         });
 * System.out.println(r.last().orElseThrow().figures().gbits() + " Gbit/s");
 * }</pre>
 *
 * A run flows down once: engines are made and prepared (kttcp opens its device before any socket), the
 * connections are made, every stream end runs on its own thread, and the listener is told each step. Every wait
 * is bounded: connect by the connect timeout, a stream that moves nothing by the idle timeout, an accepting
 * run's wait for its sender by --time when it has one; SIGINT and SIGTERM ({@link Signals}) stop every stream at
 * once and the run reports what it moved.
 */
@org.kttcp4j.PublicApi
public final class Run {
    public static final long DEFAULT_BYTES = 1L << 30;
    public static final int DEFAULT_PORT = 22222;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    /** A server's listen backlog: clients that come while a run is on wait instead of being dropped. */
    public static final int SERVER_BACKLOG = 128;

    private final Builder b;

    private Run(Builder b) {
        this.b = b;
    }

    /**
     * Both ends over 127.0.0.1 (::1 with IPv6), on an ephemeral port: in this process by default, the receiving
     * end in a child JVM with {@link Builder#processes processes(2)}.
     */
    public static Builder loopback() {
        return new Builder(Mode.LOOPBACK, null);
    }

    /** Connect to host and send (receive with reverse). */
    public static Builder send(String host) {
        return new Builder(Mode.CONNECT, host);
    }

    /** Listen, accept and receive (send with reverse). */
    public static Builder receive() {
        return new Builder(Mode.ACCEPT, null);
    }

    public Mode mode() {
        return b.mode;
    }

    public String host() {
        return b.host;
    }

    /** The kernel the native engines use: "host" or the rump kernel's name. */
    public String kernelName() {
        return b.kernel == null ? "host" : b.kernel.name();
    }

    /** The engine this process runs (loopback: the sender's). */
    public String engine() {
        return b.engine != null ? b.engine : b.kernel != null ? Engines.defaultName(b.kernel) : Engines.defaultName();
    }

    /** Loopback's receiving engine (the same as {@link #engine()} unless chosen). */
    public String receiverEngine() {
        return b.receiverEngine != null ? b.receiverEngine : engine();
    }

    /** The sender's total over all streams, or null for a timed run (and for a receiver that takes what comes). */
    public Long bytes() {
        return b.time != null ? null : b.bytes != null ? b.bytes : b.mode == Mode.ACCEPT && !b.reverse ? null : DEFAULT_BYTES;
    }

    public Duration time() {
        return b.time;
    }

    public List<Integer> sockbufs() {
        return b.sockbufs;
    }

    public int repeat() {
        return b.repeat;
    }

    /** Several runs: repeats or a sweep of socket buffers. */
    public boolean series() {
        return b.repeat > 1 || b.sockbufs.size() > 1;
    }

    public Duration interval() {
        return b.interval;
    }

    public int parallel() {
        return b.parallel;
    }

    /**
     * The processes this run uses: 2 for a loopback run asked {@link Builder#processes processes(2)} on the host's
     * kernel (its accepting end runs in a child JVM, {@link ChildEnd}), else 1 (send and recv are one end each; a
     * rump kernel lives inside one process, so its loopback runs in one).
     */
    public int processes() {
        return b.mode == Mode.LOOPBACK && b.processes == 2 && b.kernel == null ? 2 : 1;
    }

    /**
     * The end this process's meter counts (on --bidir's forward streams): loopback's sender, or in two processes
     * the connecting end; see {@link #meteredRole}.
     */
    Role metered() {
        return processes() == 2 && b.reverse ? Role.RECEIVER : b.mode.metered(b.reverse);
    }

    /** What was asked, for {@link ChildSettings} (which copies every field into the child's receiving run). */
    Builder builder() {
        return b;
    }

    public boolean reverse() {
        return b.reverse;
    }

    /**
     * --bidir: both directions at once between the same two processes. The connecting end opens 2 x --parallel
     * connections one after another: on streams 1 to --parallel it sends (the forward direction), on the rest it
     * receives (the bidir reverse direction, iperf3's name); the accepting end takes them in the order they come
     * and plays the other end of each. Give both ends the flag, as with --parallel.
     */
    public boolean bidir() {
        return b.bidir;
    }

    /** The connections of one run: --parallel, twice that with --bidir. */
    public int streams() {
        return b.bidir ? 2 * b.parallel : b.parallel;
    }

    /** Stream s (1-based) carries the bidir reverse direction: the accepting end sends on it. */
    public boolean reverseDirection(int stream) {
        return b.bidir && stream > b.parallel;
    }

    /**
     * The end this process meters on stream s (1-based): the one whose bytes the intervals count and whose
     * TCP_INFO they sample. Loopback: the sender of each stream; send and recv: the one end this process plays,
     * which with --bidir is the receiver on the reverse direction's streams.
     */
    public Role meteredRole(int stream) {
        if (b.mode == Mode.LOOPBACK && processes() == 1) {
            return Role.SENDER;
        }
        return reverseDirection(stream) ? metered().other() : metered();
    }

    public int buffer() {
        return b.buffer;
    }

    /** The receiving end's SO_RCVLOWAT as asked (0: the kernel's default), or null for the engine's default. */
    public Integer rcvlowat() {
        return b.rcvlowat;
    }

    /** The Linux kernel engine's source: write (default) or sendfile. */
    public EngineConfig.Source source() {
        return b.source != null ? b.source : EngineConfig.Source.WRITE;
    }

    /** The Linux kernel engine's sink: discard (default) or splice. */
    public EngineConfig.Sink sink() {
        return b.sink;
    }

    public Family family() {
        return b.family;
    }

    public int port() {
        return b.port != null ? b.port : b.mode == Mode.LOOPBACK ? 0 : DEFAULT_PORT;
    }

    public String bind() {
        return b.bind;
    }

    public Duration connectTimeout() {
        return b.connectTimeout;
    }

    public Duration idleTimeout() {
        return b.idleTimeout;
    }

    public boolean serve() {
        return b.serve;
    }

    /** --omit: the warm-up left out of the figures (a timed sender runs it on top of --time), or null. */
    public Duration omit() {
        return b.omit;
    }

    /** -C, -N, -M: the TCP options every socket of the run gets. */
    public TcpOptions tcpOptions() {
        return new TcpOptions(b.congestion, b.noDelay, b.mss);
    }

    public Duration maxTime() {
        return b.maxTime;
    }

    public Long maxBytes() {
        return b.maxBytes;
    }

    /** -A/--affinity: the CPUs this process's stream ends are pinned to (empty: none), see {@link Builder#affinity}. */
    public List<Integer> affinity() {
        return b.affinity == null ? List.of() : b.affinity;
    }

    int backlog() {
        return b.backlog != null ? b.backlog : b.serve ? SERVER_BACKLOG : Math.max(1, streams());
    }

    List<Cidr> allow() {
        return b.allow;
    }

    /**
     * The budget of the sending end of stream i (0-based): the duration, or its share of the byte count (with
     * --bidir each direction moves the whole count).
     */
    Budget senderBudget(int stream) {
        return b.time != null ? Budget.of(b.omit == null ? b.time : b.time.plus(b.omit))
                : Budget.exactly(share(bytes(), stream % b.parallel));
    }

    /**
     * The budget of the receiving end of stream i: in loopback and when connecting, until the peer's EOF; when
     * accepting, the share of --bytes that is expected (all of it, or up to it for the C tool's receiver), and a
     * server's caps.
     */
    Budget receiverBudget(int stream) {
        if (b.mode != Mode.ACCEPT || (b.bytes == null && b.maxBytes == null && b.maxTime == null)) {
            return Budget.untilEof();
        }
        long limit = b.bytes != null ? share(b.bytes, stream % b.parallel) : b.maxBytes != null ? b.maxBytes : Long.MAX_VALUE;
        long deadline = b.maxTime != null ? System.nanoTime() + b.maxTime.toNanos() : Budget.NO_DEADLINE;
        return new Budget(limit, deadline, b.bytes != null && !b.upTo);
    }

    private long share(long total, int stream) {
        return total / b.parallel + (stream < total % b.parallel ? 1 : 0);
    }

    /**
     * Runs it: every run of the series, each told to the listener as it happens. A failure that ends the series
     * early (a connect that timed out, a peer that refused) is kept in {@link Results#error()} with the runs
     * finished before it; a signal ends it as {@link Results#stopped()}. What fails before any run can start (an
     * engine or a device that will not open, the receiving process of a loopback in two processes that does not
     * come up) is thrown, with the errno's hint in its message.
     */
    public Results execute(RunListener listener) throws IOException {
        EngineConfig cfg = new EngineConfig(b.kernel, b.buffer, b.waitAll, b.sink, source());
        if (processes() == 2) {
            return TwoProcesses.execute(this, cfg, listener);
        }
        try (Engine<?> local = Engines.create(engine(), cfg);
                Engine<?> other = b.mode == Mode.LOOPBACK && !receiverEngine().equals(engine())
                        ? Engines.create(receiverEngine(), cfg) : null) {
            Engine<?> rx = other != null ? other : local;
            if (!tcpOptions().isNone()) {
                local.transport().options(tcpOptions());
                rx.transport().options(tcpOptions());
            }
            local.prepare();
            rx.prepare();
            listener.started(this, local.describe());
            return switch (b.mode) {
                case LOOPBACK -> series(listener, (size, control, meter) -> Streams.loopback(this, size, local, rx,
                        control, meter, listener));
                case CONNECT -> {
                    List<InetSocketAddress> to = b.family.resolve(b.host, port());
                    InetSocketAddress from = b.bind != null ? b.family.resolve(b.bind, 0).get(0) : null;
                    yield series(listener, (size, control, meter) -> Streams.connecting(this, size, local, to, from,
                            control, meter, listener));
                }
                case ACCEPT -> Streams.accepting(this, local, listener);
            };
        }
    }

    /** One run of a series, given its socket buffer size, its control and its meter. */
    interface Once {
        List<SideResult> run(int sockbuf, Control control, IntervalMeter meter) throws IOException;

        /** The run's result once this process's ends are done (two processes: the other process's ends added). */
        default RunResult finish(RunResult r) {
            return r;
        }
    }

    /** The repeat x sweep loop and its statistics: the one place a series is run. */
    Results series(RunListener listener, Once once) {
        List<RunResult> all = new ArrayList<>();
        List<SummaryRow> rows = new ArrayList<>();
        String error = null;
        String stoppedBy = null;
        for (int size : b.sockbufs) {
            List<RunResult> runs = new ArrayList<>();
            for (int i = 1; i <= b.repeat && error == null && stoppedBy == null; i++) {
                if (Signals.received() != null) {
                    stoppedBy = Signals.received();
                    break;
                }
                try {
                    RunResult r = single(listener, once, size, i);
                    runs.add(r);
                    all.add(r);
                    listener.runEnded(r);
                    if (r.stopped().isPresent() && Signals.received() != null) {
                        stoppedBy = Signals.received();
                    }
                } catch (RunEnded e) {
                    if (e.stopped) {
                        stoppedBy = e.getMessage(); // "SIGTERM while waiting for a connection on port 22222"
                    } else {
                        error = e.getMessage();
                    }
                } catch (IOException | RuntimeException e) {
                    error = Failures.oneLine(e);
                }
            }
            // the statistics of the runs that finished, also when a signal or an error ends the series here
            if (series()) {
                SummaryRow row = SummaryRow.of(size, runs);
                if (row != null) {
                    rows.add(row);
                }
            }
            if (error != null || stoppedBy != null) {
                break;
            }
        }
        if (series()) {
            listener.summary(List.copyOf(rows));
        }
        Results results = new Results(this, List.copyOf(all), List.copyOf(rows), stoppedBy, error);
        listener.finished(results);
        return results;
    }

    private RunResult single(RunListener listener, Once once, int size, int index) throws IOException {
        Control control = new Control();
        try (var signals = Signals.watch(control)) {
            IntervalMeter meter = new IntervalMeter(streams(), b.bidir ? b.parallel : streams(), b.interval,
                    b.idleTimeout, listener, control, idleHint());
            meter.omit(b.omit);
            listener.runStarted(this, size, index);
            java.time.Instant started = java.time.Instant.now();
            List<SideResult> sides;
            try {
                sides = once.run(size, control, meter);
            } finally {
                meter.stop();
            }
            List<Interval> intervals = meter.stop();
            if (b.omit != null) { // the figures without the warm-up
                sides = sides.stream().map(s -> {
                    boolean metered = s.role() == meteredRole(s.stream());
                    return s.withTransfer(meter.afterOmit(metered, s.stream() - 1, s.transfer()),
                            s.role() == Role.SENDER && metered ? meter.afterOmit(s.stream() - 1, s.tcpInfo())
                                    : s.tcpInfo());
                }).toList();
            }
            return once.finish(new RunResult(this, size, index, started, sides, intervals, meter.cpu(),
                    meter.wallNanos()));
        }
    }

    /** What a stream that moves nothing most likely means, from this end's point of view. */
    private String idleHint() {
        return b.mode == Mode.LOOPBACK ? "the kernel is not moving bytes on this connection"
                : "the other end runs with another --parallel or --reverse, or has stopped";
    }

    /** The run ended before any stream moved: stopped (a signal) or failed (a timeout), with the message. */
    static final class RunEnded extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean stopped;

        RunEnded(String message, boolean stopped) {
            super(message);
            this.stopped = stopped;
        }
    }

    /** Builds a Run; {@link #build()} checks the combination and says what to change. */
    @org.kttcp4j.PublicApi
    public static final class Builder {
        private final Mode mode;
        private final String host;
        private Kernel kernel;
        private String engine;
        private String receiverEngine;
        private Long bytes;
        private boolean upTo;
        private Duration time;
        private List<Integer> sockbufs = List.of(0);
        private int repeat = 1;
        private Duration interval;
        private int parallel = 1;
        private boolean reverse;
        private boolean bidir;
        private int buffer = EngineConfig.DEFAULT_BUFFER;
        private boolean waitAll;
        private Integer rcvlowat;
        private EngineConfig.Sink sink = EngineConfig.Sink.DISCARD;
        private EngineConfig.Source source;
        private Family family = Family.ANY;
        private Integer port;
        private String bind;
        private Integer backlog;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean serve;
        private List<Cidr> allow = List.of();
        private Duration maxTime;
        private Long maxBytes;
        private String congestion;
        private boolean noDelay;
        private Integer mss;
        private Duration omit;
        private List<Integer> affinity;
        private int processes = 1;

        private Builder(Mode mode, String host) {
            this.mode = mode;
            this.host = host;
        }

        /** The kernel for the native engines (default: the host's; a rump kernel: {@link Kernel#rump}). */
        public Builder kernel(Kernel k) {
            this.kernel = k;
            return this;
        }

        /** kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux). */
        public Builder engine(String name) {
            this.engine = name;
            return this;
        }

        /** Loopback only: the receiving end's engine. */
        public Builder receiverEngine(String name) {
            this.receiverEngine = name;
            return this;
        }

        /** The sender's total over all streams; a receiver expects exactly this many (fewer is partial). */
        public Builder bytes(long n) {
            this.bytes = n;
            return this;
        }

        /** A receiver that takes up to n bytes, the peer's EOF before that being complete (the C tool's -r). */
        public Builder upTo(long n) {
            this.bytes = n;
            this.upTo = true;
            return this;
        }

        /** Send for this long instead of a byte count. */
        public Builder time(Duration d) {
            this.time = d;
            return this;
        }

        /** SO_SNDBUF/SO_RCVBUF to ask for (0: the kernel's autotuning); several make a sweep. */
        public Builder sockbufs(List<Integer> sizes) {
            this.sockbufs = List.copyOf(sizes);
            return this;
        }

        public Builder sockbuf(int size) {
            return sockbufs(List.of(size));
        }

        public Builder repeat(int n) {
            this.repeat = n;
            return this;
        }

        public Builder interval(Duration d) {
            this.interval = d;
            return this;
        }

        public Builder parallel(int n) {
            this.parallel = n;
            return this;
        }

        public Builder reverse(boolean r) {
            this.reverse = r;
            return this;
        }

        /** Both directions at once: see {@link Run#bidir()}. */
        public Builder bidir(boolean on) {
            this.bidir = on;
            return this;
        }

        /** The user and nio engines' read/write size, splice's bytes per sendfile. */
        public Builder buffer(int bytes) {
            this.buffer = bytes;
            return this;
        }

        /** The user engine's receiver: recv(2) with MSG_WAITALL. */
        public Builder waitAll(boolean w) {
            this.waitAll = w;
            return this;
        }

        /** The receiving end's SO_RCVLOWAT (0: the kernel's default; unset: the engine's, 1 MiB for splice). */
        public Builder rcvlowat(int bytes) {
            this.rcvlowat = bytes;
            return this;
        }

        /** The splice engine's source: write (from a user buffer, the default) or sendfile (from a memfd). */
        public Builder source(EngineConfig.Source s) {
            this.source = s;
            return this;
        }

        /** The splice engine's sink: discard (recv with MSG_TRUNC, the default) or splice (into /dev/null). */
        public Builder sink(EngineConfig.Sink s) {
            this.sink = s;
            return this;
        }

        public Builder family(Family f) {
            this.family = f;
            return this;
        }

        public Builder port(int p) {
            this.port = p;
            return this;
        }

        /** The local address: to listen on (recv, loopback), or to connect from (send). */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /** The listen backlog (default: 1 per stream; a server's {@link #SERVER_BACKLOG}). */
        public Builder backlog(int n) {
            this.backlog = n;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** How long a stream may move nothing before the run fails (zero: forever). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** Accepting: take runs one after another until stopped. */
        public Builder serve(boolean s) {
            this.serve = s;
            return this;
        }

        /** Accepting: only peers in these blocks (others are closed at accept, never counted as runs). */
        public Builder allow(List<Cidr> blocks) {
            this.allow = List.copyOf(blocks);
            return this;
        }

        /** Accepting: the most one run may take or receive before it is ended, so no client holds a server. */
        public Builder maxTime(Duration d) {
            this.maxTime = d;
            return this;
        }

        public Builder maxBytes(long n) {
            this.maxBytes = n;
            return this;
        }

        /** The congestion control every socket runs (Linux: TCP_CONGESTION; NetBSD refuses, docs/netbsd.md). */
        public Builder congestion(String name) {
            this.congestion = name;
            return this;
        }

        /** TCP_NODELAY on every socket. */
        public Builder noDelay(boolean on) {
            this.noDelay = on;
            return this;
        }

        /**
         * The first d of the run is a warm-up (slow start), left out of the figures and its intervals marked
         * omitted, as iperf3's -O; a timed sender runs d on top of --time. Give both ends the same.
         */
        public Builder omit(Duration d) {
            this.omit = d;
            return this;
        }

        /** TCP_MAXSEG: the largest segment to send. */
        public Builder mss(int bytes) {
            this.mss = bytes;
            return this;
        }

        /**
         * -A/--affinity: pin the stream-end threads this process starts to these CPUs (the host's, also with a
         * rump kernel). The ends take the listed CPUs in turn, stream 1's ends first (loopback: stream 1 sender,
         * stream 1 receiver, stream 2 sender, ...; send and recv: stream 1, stream 2, ...), round-robin over the
         * list: loopback with 0,1 puts the sender on CPU 0 and the receiver on CPU 1 (iperf3's -A n,m), send -P 2
         * with 0,1 one stream per CPU. Each end pins its own thread before its transfer starts; a failure to pin
         * fails the run. Each {@link SideResult} says where it was pinned and where it ran.
         */
        public Builder affinity(List<Integer> cpus) {
            this.affinity = cpus == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(cpus));
            return this;
        }

        /**
         * Loopback only: 1 (the default: both ends on threads of this JVM) or 2 (the accepting end runs as a
         * {@code recv} run in a child JVM started with this one's java, class path and JVM options, and each end
         * reports its own process's CPU). A library does not start JVMs unasked, so the default is 1; the CLI's
         * {@code loopback} asks 2 unless given --one-process. A rump kernel lives inside one process: its loopback
         * runs in one whatever is asked ({@link Run#processes()} says which).
         */
        public Builder processes(int n) {
            this.processes = n;
            return this;
        }

        /** Checks the combination; an IllegalArgumentException says what to change. */
        public Run build() {
            check(parallel >= 1 && parallel <= 128, "--parallel must be from 1 to 128, got " + parallel);
            check(!bidir || !reverse, "--bidir sends both ways already: drop --reverse");
            check(!bidir || parallel <= 64, "--bidir opens two connections per --parallel stream: --parallel must be"
                    + " from 1 to 64 with it, got " + parallel);
            check(repeat >= 1 && repeat <= 10_000, "--repeat must be from 1 to 10000, got " + repeat);
            check(time == null || bytes == null, "--time and --bytes are exclusive: give one");
            check(bytes == null || bytes > 0, "--bytes must be more than 0");
            check(time == null || time.toMillis() >= 1, "--time must be at least 1 ms, got "
                    + (time == null ? "" : Durations.text(time)));
            check(interval == null || interval.toMillis() >= 10, "--interval must be at least 10 ms (the timer's"
                    + " resolution), got " + (interval == null ? "" : Durations.text(interval)));
            check(!sockbufs.isEmpty(), "--sockbuf needs at least one size");
            check(sockbufs.stream().allMatch(s -> s >= 0), "--sockbuf sizes must be positive");
            check(buffer > 0, "--buffer must be more than 0");
            check(rcvlowat == null || rcvlowat >= 0, "--rcvlowat must not be negative");
            check(connectTimeout.toMillis() >= 1, "--connect-timeout must be at least 1 ms");
            check(!idleTimeout.isNegative(), "--idle-timeout must not be negative");
            check(port == null || (port >= 0 && port <= 65535), "invalid port " + port + ": give a number from 1 to 65535");
            check(mode != Mode.CONNECT || port == null || port != 0,
                    "send needs the receiver's port: --port 0 means any port, and only a listener can take any");
            check(mode == Mode.CONNECT || host == null, "only send takes a host");
            check(mode == Mode.CONNECT ? host != null && !host.isEmpty() : true, "send needs a host: kttcp4j send HOST");
            check(mode == Mode.LOOPBACK || receiverEngine == null,
                    "--receiver-engine is loopback's: the other end of send/recv chooses its own engine");
            check(mode == Mode.ACCEPT || !serve, "--serve is recv's");
            check(processes == 1 || processes == 2, "processes must be 1 or 2, got " + processes);
            check(mode == Mode.LOOPBACK || processes == 1,
                    "processes(2) is loopback's: send and recv are one end each, in their own process");
            check(mode == Mode.ACCEPT || (allow.isEmpty() && maxTime == null && maxBytes == null),
                    "--allow, --max-time and --max-bytes are recv's");
            if (engine != null) {
                check(Engines.NAMES.contains(engine), "unknown engine '" + engine + "': choose one of "
                        + String.join(", ", Engines.NAMES));
            }
            if (receiverEngine != null) {
                check(Engines.NAMES.contains(receiverEngine), "unknown engine '" + receiverEngine + "': choose one of "
                        + String.join(", ", Engines.NAMES));
            }
            check(omit == null || !omit.isNegative(), "--omit must not be negative");
            if (omit != null && !omit.isZero()) {
                check(!mode.roles(reverse).contains(Role.SENDER) || time != null, "--omit leaves out the first part of a timed"
                        + " run: add --time (the sender runs --omit on top of it)");
            }
            check(mss == null || (mss >= 88 && mss <= 65535), "--mss must be from 88 to 65535 bytes (Linux's TCP_MIN_MSS"
                    + " to the largest IP payload), got " + mss);
            if (congestion != null) {
                check(!congestion.isEmpty() && congestion.length() < TcpOptions.CA_NAME_MAX
                        && congestion.chars().allMatch(ch -> ch > ' ' && ch < 127),
                        "--congestion takes an algorithm's name (reno, cubic, bbr), got '" + congestion + "'");
                org.kttcp4j.abi.Abi abi = kernel != null ? kernel.abi() : hostAbi();
                check(abi == null || abi != org.kttcp4j.abi.Abi.netbsd(), TcpOptions.NETBSD_CONGESTION);
                if (abi == org.kttcp4j.abi.Abi.linux() && kernel == null) {
                    List<String> offered = TcpOptions.linuxAvailable();
                    check(offered.isEmpty() || offered.contains(congestion),
                            TcpOptions.unknownCongestion(congestion, offered));
                }
            }
            if (affinity != null) {
                String wrong = Pinning.check(affinity);
                check(wrong == null, wrong);
            }
            Run run = new Run(this);
            if (congestion != null || mss != null) {
                boolean nio = run.engine().equals("nio") || (mode == Mode.LOOPBACK && run.receiverEngine().equals("nio"));
                check(!nio, (congestion != null ? "-C/--congestion needs TCP_CONGESTION" : "-M/--mss needs TCP_MAXSEG")
                        + ", which the JDK's channels (the nio engine) cannot set: use --engine user or splice");
            }
            List<String> receiving = run.receivingEngines();
            if (waitAll) {
                check(!receiving.isEmpty(), "--waitall applies to the receiving end, and this one sends: give"
                        + " --waitall to the receiver, or add --reverse");
                check(receiving.contains("user"), "--waitall is the user engine's (recv with MSG_WAITALL), and the"
                        + " receiving engine here is " + receiving.get(0) + ": add --engine user"
                        + (mode == Mode.LOOPBACK ? " (loopback: --receiver-engine user)" : ""));
            }
            if (sink != EngineConfig.Sink.DISCARD) {
                check(receiving.contains("splice"), "--sink is the splice engine's receiver's, and the receiving engine"
                        + " here is " + (receiving.isEmpty() ? "none (this end sends)" : receiving.get(0))
                        + ": add --engine splice" + (mode == Mode.LOOPBACK ? " (loopback: --receiver-engine splice)" : ""));
            }
            if (source != null) {
                List<String> sending = run.sendingEngines();
                check(sending.contains("splice"), "--source is the splice engine's sender's, and the sending engine"
                        + " here is " + (sending.isEmpty() ? "none (this end receives)" : sending.get(0))
                        + ": add --engine splice");
            }
            if (rcvlowat != null && rcvlowat > 0) {
                check(!receiving.isEmpty(), "--rcvlowat applies to the receiving end, and this one sends: give"
                        + " --rcvlowat to the receiver, or add --reverse");
                check(!receiving.contains("nio"), "--rcvlowat needs SO_RCVLOWAT, which the JDK's channels (the nio"
                        + " engine) lack: receive with --engine user or splice");
            }
            return run;
        }

        private static org.kttcp4j.abi.Abi hostAbi() {
            try {
                return org.kttcp4j.abi.Abi.host();
            } catch (UnsupportedOperationException e) {
                return null;
            }
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** The engines of the sending ends this process plays (none when it only receives; both ways with --bidir). */
    List<String> sendingEngines() {
        return switch (b.mode) {
            case LOOPBACK -> b.bidir ? List.of(engine(), receiverEngine()) : List.of(engine());
            case CONNECT -> b.reverse ? List.of() : List.of(engine());
            case ACCEPT -> b.reverse || b.bidir ? List.of(engine()) : List.of();
        };
    }

    /** The engines of the receiving ends this process plays (none when it only sends; both ways with --bidir). */
    List<String> receivingEngines() {
        return switch (b.mode) {
            case LOOPBACK -> b.bidir ? List.of(receiverEngine(), engine()) : List.of(receiverEngine());
            case CONNECT -> b.reverse || b.bidir ? List.of(engine()) : List.of();
            case ACCEPT -> b.reverse ? List.of() : List.of(engine());
        };
    }
}
