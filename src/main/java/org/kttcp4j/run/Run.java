package org.kttcp4j.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kttcp4j.PublicApi;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.TcpOptions;
import org.kttcp4j.posix.Kernel;

/**
 * A benchmark: what to run ({@link #spec()}: mode, engines, kernel, size or duration, streams, socket buffers,
 * repeats, every setting as it was asked and checked), the plan derived from it (the defaults, the streams, each
 * end's budget), and {@link #execute} to run it ({@link Runner}). The command line builds one of these and nothing else runs a benchmark; a Java
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
@PublicApi
public final class Run {
    /** The sender's total when neither bytes nor time is given: 1 GiB, over all streams. */
    public static final long DEFAULT_BYTES = 1L << 30;
    /** The port send and recv use when none is given (loopback takes an ephemeral port instead). */
    public static final int DEFAULT_PORT = 22222;
    /** How long a connect may take before the run fails, unless set: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a stream may move nothing before the run fails, unless set: 20 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);
    /** A server's listen backlog: clients that come while a run is on wait instead of being dropped. */
    public static final int SERVER_BACKLOG = 128;

    private final RunSpec spec;
    private final EngineKind engine;
    private final EngineKind receiverEngine;

    private Run(RunSpec spec) {
        this.spec = spec;
        this.engine = spec.engineOrDefault();
        this.receiverEngine = spec.receiverEngineOrDefault();
    }

    /**
     * Both ends over 127.0.0.1 (::1 with IPv6), on an ephemeral port: in this process by default, the receiving
     * end in a child JVM with {@link Builder#processes processes(2)}.
     * @return a Builder for a loopback run, with every other setting at its default
     */
    public static Builder loopback() {
        return new Builder(Mode.LOOPBACK, null);
    }

    /**
     * Connect to host and send (receive with reverse).
     * @param host the name or address of the receiving (or, with reverse, the sending) end; must not be null
     * @return a Builder for a connecting run
     */
    public static Builder send(String host) {
        return new Builder(Mode.CONNECT, host);
    }

    /**
     * Listen, accept and receive (send with reverse).
     * @return a Builder for an accepting run
     */
    public static Builder receive() {
        return new Builder(Mode.ACCEPT, null);
    }

    /**
     * Every setting of this run as it was asked (null: the default), checked by {@link Builder#build()}.
     * @return the run's settings, immutable
     */
    public RunSpec spec() {
        return spec;
    }

    /**
     * Loopback, connect (send) or accept (recv).
     * @return how this run makes its connections
     */
    public Mode mode() {
        return spec.mode();
    }

    /**
     * The host a connecting run connects to.
     * @return the peer's name or address as given, or null for loopback and accepting runs
     */
    public String host() {
        return spec.host();
    }

    /**
     * The kernel the native engines use: "host" or the rump kernel's name.
     * @return the kernel's name, never null
     */
    public String kernelName() {
        return spec.kernel() == null ? "host" : spec.kernel().name();
    }

    /**
     * The native engines use the host's kernel (no rump kernel given).
     * @return true unless a rump kernel was given
     */
    public boolean hostKernel() {
        return spec.kernel() == null;
    }

    /**
     * The engine this process runs (loopback: the sender's), by its name.
     * @return the engine's identifier, as {@link EngineKind#id()}
     */
    public String engine() {
        return engine.id();
    }

    /**
     * The engine this process runs (loopback: the sender's).
     * @return the engine, never null (the platform's default when none was asked)
     */
    public EngineKind engineKind() {
        return engine;
    }

    /**
     * Loopback's receiving engine (the same as {@link #engine()} unless chosen), by its name.
     * @return the receiving engine's identifier
     */
    public String receiverEngine() {
        return receiverEngine.id();
    }

    /**
     * Loopback's receiving engine (the same as {@link #engineKind()} unless chosen).
     * @return the receiving engine, never null
     */
    public EngineKind receiverEngineKind() {
        return receiverEngine;
    }

    /**
     * The sender's total over all streams, or null for a timed run (and for a receiver that takes what comes).
     * @return the byte count each run moves, or null
     */
    public Long bytes() {
        return spec.time() != null ? null : spec.bytes() != null ? spec.bytes()
                : spec.mode() == Mode.ACCEPT && !spec.reverse() ? null : DEFAULT_BYTES;
    }

    /**
     * How long a timed sender sends.
     * @return the duration, or null for a run of a byte count
     */
    public Duration time() {
        return spec.time();
    }

    /**
     * The socket buffer sizes asked, in bytes, one run (or series of repeats) per size.
     * @return the sizes, never empty (a single 0: the kernel's autotuning)
     */
    public List<Integer> sockbufs() {
        return spec.sockbufs();
    }

    /**
     * How many times each run is made: 1 (the default) to 10000.
     * @return the repeat count
     */
    public int repeat() {
        return spec.repeat();
    }

    /**
     * Several runs: repeats or a sweep of socket buffers.
     * @return true for more than one run
     */
    public boolean series() {
        return spec.repeat() > 1 || spec.sockbufs().size() > 1;
    }

    /**
     * The period of the live intervals told to {@link RunListener#interval}.
     * @return the period, or null for no intervals
     */
    public Duration interval() {
        return spec.interval();
    }

    /**
     * The TCP connections that carry the data one way: 1 (the default) to 128.
     * @return the parallel stream count
     */
    public int parallel() {
        return spec.parallel();
    }

    /**
     * The processes this run uses: 2 for a loopback run asked {@link Builder#processes processes(2)} on the host's
     * kernel (its accepting end runs in a child JVM, {@link ChildEnd}), else 1 (send and recv are one end each; a
     * rump kernel lives inside one process, so its loopback runs in one).
     * @return 1 or 2
     */
    public int processes() {
        return spec.mode() == Mode.LOOPBACK && spec.processes() == 2 && spec.kernel() == null ? 2 : 1;
    }

    /**
     * The end this process's meter counts (on bidir's forward streams): loopback's sender, or in two processes
     * the connecting end; see {@link #meteredRole}.
     */
    Role metered() {
        return processes() == 2 && spec.reverse() ? Role.RECEIVER : spec.mode().metered(spec.reverse());
    }

    /**
     * What was asked, as a new Builder: a copy, so nothing done to it reaches this run.
     */
    Builder builder() {
        return Builder.of(spec);
    }

    /**
     * This process receives instead of sends (connecting or accepting; loopback: the accepting end sends).
     * @return true when reversed
     */
    public boolean reverse() {
        return spec.reverse();
    }

    /**
     * Both directions at once between the same two processes. The connecting end opens 2 x parallel connections
     * one after another: on streams 1 to parallel it sends (the forward direction), on the rest it receives (the
     * bidir reverse direction, iperf3's name); the accepting end takes them in the order they come and plays the
     * other end of each. Give both ends the setting, as with parallel.
     * @return true with bidir
     */
    public boolean bidir() {
        return spec.bidir();
    }

    /**
     * The connections of one run: parallel, twice that with bidir.
     * @return parallel, or 2 x parallel with bidir
     */
    public int streams() {
        return spec.bidir() ? 2 * spec.parallel() : spec.parallel();
    }

    /**
     * Stream s (1-based) carries the bidir reverse direction: the accepting end sends on it.
     * @param stream the stream's number, from 1 to {@link #streams()}
     * @return true when the accepting end sends on it
     */
    public boolean reverseDirection(int stream) {
        return spec.bidir() && stream > spec.parallel();
    }

    /**
     * The end this process meters on stream s (1-based): the one whose bytes the intervals count and whose
     * TCP_INFO they sample. Loopback: the sender of each stream; send and recv: the one end this process plays,
     * which with bidir is the receiver on the reverse direction's streams.
     * @param stream the stream's number, from 1 to {@link #streams()}
     * @return the metered end's role on that stream
     */
    public Role meteredRole(int stream) {
        if (spec.mode() == Mode.LOOPBACK && processes() == 1) {
            return Role.SENDER;
        }
        return reverseDirection(stream) ? metered().other() : metered();
    }

    /**
     * The user and nio engines' read and write size in bytes (splice's bytes per sendfile); default 128 KiB.
     * @return the size in bytes
     */
    public int buffer() {
        return spec.buffer();
    }

    /**
     * The receiving end's SO_RCVLOWAT as asked (0: the kernel's default), or null for the engine's default.
     * @return the low-water mark in bytes, or null
     */
    public Integer rcvlowat() {
        return spec.rcvlowat();
    }

    /**
     * The Linux kernel engine's source: write (default) or sendfile.
     * @return the source, never null
     */
    public Source source() {
        return spec.source() != null ? spec.source() : Source.WRITE;
    }

    /**
     * The Linux kernel engine's sink: discard (default) or splice.
     * @return the sink, never null (discard unless set)
     */
    public Sink sink() {
        return spec.sink();
    }

    /**
     * The address family the run resolves and connects with: ANY (the default), IPv4 or IPv6.
     * @return the family, never null
     */
    public Family family() {
        return spec.family();
    }

    /**
     * The TCP port: the one asked, else 0 (ephemeral) for loopback and {@link #DEFAULT_PORT} otherwise.
     * @return the port number
     */
    public int port() {
        return spec.port() != null ? spec.port() : spec.mode() == Mode.LOOPBACK ? 0 : DEFAULT_PORT;
    }

    /**
     * The local address to listen on (accepting, loopback) or to connect from (connecting).
     * @return the address as given, or null for any
     */
    public String bind() {
        return spec.bind();
    }

    /**
     * How long a connect may take.
     * @return the timeout ({@link #DEFAULT_CONNECT_TIMEOUT} unless set)
     */
    public Duration connectTimeout() {
        return spec.connectTimeout();
    }

    /**
     * How long a stream may move nothing before the run fails (zero: forever).
     * @return the timeout ({@link #DEFAULT_IDLE_TIMEOUT} unless set)
     */
    public Duration idleTimeout() {
        return spec.idleTimeout();
    }

    /**
     * An accepting run takes runs one after another until stopped.
     * @return true for a server
     */
    public boolean serve() {
        return spec.serve();
    }

    /**
     * The warm-up left out of the figures (a timed sender runs it on top of its time), or null.
     * @return the warm-up's length, or null for none
     */
    public Duration omit() {
        return spec.omit();
    }

    /**
     * The TCP options every socket of the run gets (congestion, noDelay, mss).
     * @return the options, never null (their fields null where not asked)
     */
    public TcpOptions tcpOptions() {
        return new TcpOptions(spec.congestion(), spec.noDelay(), spec.mss());
    }

    /**
     * Accepting: the most one client's run may take before the server ends it.
     * @return the cap, or null for none
     */
    public Duration maxTime() {
        return spec.maxTime();
    }

    /**
     * Accepting: the most bytes one client's run may move before the server ends it.
     * @return the cap in bytes, or null for none
     */
    public Long maxBytes() {
        return spec.maxBytes();
    }

    /**
     * The CPUs this process's stream ends are pinned to (empty: none), see {@link Builder#affinity}.
     * @return the CPU numbers, never null
     */
    public List<Integer> affinity() {
        return spec.affinity() == null ? List.of() : spec.affinity();
    }

    int backlog() {
        return spec.backlog() != null ? spec.backlog() : spec.serve() ? SERVER_BACKLOG : Math.max(1, streams());
    }

    List<Cidr> allow() {
        return spec.allow();
    }

    /** The engines of the sending ends this process plays, by name (none when it only receives). */
    List<String> sendingEngines() {
        return spec.sendingEngines().stream().map(EngineKind::id).toList();
    }

    /** The engines of the receiving ends this process plays, by name (none when it only sends). */
    List<String> receivingEngines() {
        return spec.receivingEngines().stream().map(EngineKind::id).toList();
    }

    /** What engines are built with. */
    EngineConfig engineConfig() {
        return new EngineConfig(spec.kernel(), spec.buffer(), spec.waitAll(), spec.sink(), source(), spec.poll());
    }

    /**
     * The budget of the sending end of stream i (0-based): the duration, or its share of the byte count (with
     * bidir each direction moves the whole count).
     */
    Budget senderBudget(int stream) {
        return spec.time() != null ? Budget.of(spec.omit() == null ? spec.time() : spec.time().plus(spec.omit()))
                : Budget.exactly(share(bytes(), stream % spec.parallel()));
    }

    /**
     * The budget of the receiving end of stream i: in loopback and when connecting, until the peer's EOF; when
     * accepting, the share of the bytes that is expected (all of it, or up to it for the C tool's receiver), and
     * a server's caps.
     */
    Budget receiverBudget(int stream) {
        Long bytes = spec.bytes();
        if (spec.mode() != Mode.ACCEPT || (bytes == null && spec.maxBytes() == null && spec.maxTime() == null)) {
            return Budget.untilEof();
        }
        long limit = bytes != null ? share(bytes, stream % spec.parallel())
                : spec.maxBytes() != null ? spec.maxBytes() : Long.MAX_VALUE;
        long deadline = spec.maxTime() != null ? System.nanoTime() + spec.maxTime().toNanos() : Budget.NO_DEADLINE;
        return new Budget(limit, deadline, bytes != null && !spec.upTo());
    }

    private long share(long total, int stream) {
        return total / spec.parallel() + (stream < total % spec.parallel() ? 1 : 0);
    }

    /**
     * Runs it: every run of the series, each told to the listener as it happens. A failure that ends the series
     * early (a connect that timed out, a peer that refused) is kept in {@link Results#outcome()} with the runs
     * finished before it; a signal ends it as stopped. What fails before any run can start (an engine or a device
     * that will not open, the receiving process of a loopback in two processes that does not come up) is thrown,
     * with the errno's hint in its message.
     * @param listener told each step of every run (not null; {@link RunListener} has a default for every method)
     * @return the series' runs and how it ended
     * @throws java.io.IOException what failed before any run could start (an engine, a device, loopback's child process)
     */
    public Results execute(RunListener listener) throws IOException {
        return new Runner(this).execute(listener);
    }

    /**
     * Builds a Run; {@link #build()} copies every setting into the run's {@link RunSpec} and checks it there
     * ({@link InvalidSettingException} names the setting and what to change). The Builder may be used again:
     * nothing done to it after build() reaches the run built.
     */
    @PublicApi
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
        private boolean poll;
        private Integer rcvlowat;
        private Sink sink = Sink.DISCARD;
        private Source source;
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

        /**
         * The kernel for the native engines (default: the host's; a rump kernel: {@link Kernel#rump}).
         * @param k the kernel, or null for the host's
         * @return this Builder
         */
        public Builder kernel(Kernel k) {
            this.kernel = k;
            return this;
        }

        /**
         * kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux); a wrong name fails build().
         * @param name the engine's identifier, or null for the default
         * @return this Builder
         */
        public Builder engine(String name) {
            this.engine = name;
            return this;
        }

        /**
         * The engine by its kind (null: the platform's default).
         * @param kind the engine, or null
         * @return this Builder
         */
        public Builder engine(EngineKind kind) {
            return engine(kind == null ? null : kind.id());
        }

        /**
         * Loopback only: the receiving end's engine.
         * @param name the engine's identifier, or null for the same engine as the sender's
         * @return this Builder
         */
        public Builder receiverEngine(String name) {
            this.receiverEngine = name;
            return this;
        }

        /**
         * Loopback only: the receiving end's engine by its kind (null: the sender's).
         * @param kind the engine, or null
         * @return this Builder
         */
        public Builder receiverEngine(EngineKind kind) {
            return receiverEngine(kind == null ? null : kind.id());
        }

        /**
         * The sender's total over all streams; a receiver expects exactly this many (fewer is partial).
         * @param n the byte count, more than 0 (default: {@link #DEFAULT_BYTES} when no time is given)
         * @return this Builder
         */
        public Builder bytes(long n) {
            this.bytes = n;
            return this;
        }

        /**
         * A receiver that takes up to n bytes, the peer's EOF before that being complete (the C tool's -r).
         * @param n the most bytes to take, more than 0
         * @return this Builder
         */
        public Builder upTo(long n) {
            this.bytes = n;
            this.upTo = true;
            return this;
        }

        /**
         * Send for this long instead of a byte count.
         * @param d the sending time, at least 1 ms
         * @return this Builder
         */
        public Builder time(Duration d) {
            this.time = d;
            return this;
        }

        /**
         * SO_SNDBUF/SO_RCVBUF to ask for (0: the kernel's autotuning); several make a sweep.
         * @param sizes the sizes in bytes, none negative
         * @return this Builder
         */
        public Builder sockbufs(List<Integer> sizes) {
            this.sockbufs = List.copyOf(sizes);
            return this;
        }

        /**
         * One socket buffer size for SO_SNDBUF/SO_RCVBUF (0, the default: the kernel's autotuning).
         * @param size the size in bytes, not negative
         * @return this Builder
         */
        public Builder sockbuf(int size) {
            return sockbufs(List.of(size));
        }

        /**
         * How many times to make each run, for a series whose statistics the summary rows give.
         * @param n from 1 (the default) to 10000
         * @return this Builder
         */
        public Builder repeat(int n) {
            this.repeat = n;
            return this;
        }

        /**
         * Report live intervals of this period to {@link RunListener#interval} (null, the default: none).
         * @param d the period, at least 10 ms, or null
         * @return this Builder
         */
        public Builder interval(Duration d) {
            this.interval = d;
            return this;
        }

        /**
         * The TCP connections that carry the data one way (iperf3's -P).
         * @param n from 1 (the default) to 128
         * @return this Builder
         */
        public Builder parallel(int n) {
            this.parallel = n;
            return this;
        }

        /**
         * This process receives instead of sends (loopback: the accepting end sends); default false.
         * @param r true to reverse
         * @return this Builder
         */
        public Builder reverse(boolean r) {
            this.reverse = r;
            return this;
        }

        /**
         * Both directions at once: see {@link Run#bidir()}.
         * @param on true for both directions (default false)
         * @return this Builder
         */
        public Builder bidir(boolean on) {
            this.bidir = on;
            return this;
        }

        /**
         * The user and nio engines' read/write size, splice's bytes per sendfile.
         * @param bytes the size in bytes, more than 0 (default 128 KiB)
         * @return this Builder
         */
        public Builder buffer(int bytes) {
            this.buffer = bytes;
            return this;
        }

        /**
         * The user engine's receiver: recv(2) with MSG_WAITALL.
         * @param w true to wait for whole buffers (default false)
         * @return this Builder
         */
        public Builder waitAll(boolean w) {
            this.waitAll = w;
            return this;
        }

        /**
         * The user engine's ends: non-blocking calls (MSG_DONTWAIT), and poll(2) when the socket is not ready,
         * as iperf3's loops; a blocking write(2) and read(2) otherwise.
         * @param p true for the poll loop (default false)
         * @return this Builder
         */
        public Builder poll(boolean p) {
            this.poll = p;
            return this;
        }

        /**
         * The receiving end's SO_RCVLOWAT (0: the kernel's default; unset: the engine's, 1 MiB for splice).
         * @param bytes the low-water mark in bytes, not negative
         * @return this Builder
         */
        public Builder rcvlowat(int bytes) {
            this.rcvlowat = bytes;
            return this;
        }

        /**
         * The splice engine's source: write (from a user buffer, the default) or sendfile (from a memfd).
         * @param s the source, or null for write
         * @return this Builder
         */
        public Builder source(Source s) {
            this.source = s;
            return this;
        }

        /**
         * The splice engine's sink: discard (recv with MSG_TRUNC, the default) or splice (into /dev/null).
         * @param s the sink
         * @return this Builder
         */
        public Builder sink(Sink s) {
            this.sink = s;
            return this;
        }

        /**
         * The address family to resolve and connect with (default: ANY, either).
         * @param f the family
         * @return this Builder
         */
        public Builder family(Family f) {
            this.family = f;
            return this;
        }

        /**
         * The TCP port (default: {@link #DEFAULT_PORT}; loopback an ephemeral one).
         * @param p from 1 to 65535 (accepting and loopback also 0: any free port)
         * @return this Builder
         */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        /**
         * The local address: to listen on (recv, loopback), or to connect from (send).
         * @param address a host name or an address, or null for any
         * @return this Builder
         */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /**
         * The listen backlog (default: 1 per stream; a server's {@link #SERVER_BACKLOG}).
         * @param n the backlog, at least 1
         * @return this Builder
         */
        public Builder backlog(int n) {
            this.backlog = n;
            return this;
        }

        /**
         * How long a connect may take before the run fails (default {@link #DEFAULT_CONNECT_TIMEOUT}).
         * @param d the timeout, at least 1 ms
         * @return this Builder
         */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /**
         * How long a stream may move nothing before the run fails (zero: forever).
         * @param d the timeout, not negative (default {@link #DEFAULT_IDLE_TIMEOUT})
         * @return this Builder
         */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /**
         * Accepting: take runs one after another until stopped.
         * @param s true for a server (default false)
         * @return this Builder
         */
        public Builder serve(boolean s) {
            this.serve = s;
            return this;
        }

        /**
         * Accepting: only peers in these blocks (others are closed at accept, never counted as runs).
         * @param blocks the address blocks (empty, the default: every peer)
         * @return this Builder
         */
        public Builder allow(List<Cidr> blocks) {
            this.allow = List.copyOf(blocks);
            return this;
        }

        /**
         * Accepting: the most one run may take or receive before it is ended, so no client holds a server.
         * @param d the cap, or null for none (the default)
         * @return this Builder
         */
        public Builder maxTime(Duration d) {
            this.maxTime = d;
            return this;
        }

        /**
         * Accepting: the most bytes one run may move before it is ended, so no client holds a server.
         * @param n the cap in bytes
         * @return this Builder
         */
        public Builder maxBytes(long n) {
            this.maxBytes = n;
            return this;
        }

        /**
         * The congestion control every socket runs (Linux: TCP_CONGESTION; NetBSD refuses, docs/netbsd.md).
         * @param name the algorithm's name (as Linux's tcp_available_congestion_control), or null for the kernel's
         * @return this Builder
         */
        public Builder congestion(String name) {
            this.congestion = name;
            return this;
        }

        /**
         * TCP_NODELAY on every socket.
         * @param on true to disable Nagle's algorithm (default false)
         * @return this Builder
         */
        public Builder noDelay(boolean on) {
            this.noDelay = on;
            return this;
        }

        /**
         * The first d of the run is a warm-up (slow start), left out of the figures and its intervals marked
         * omitted, as iperf3's -O; a timed sender runs d on top of --time. Give both ends the same.
         * @param d the warm-up's length, not negative, or null for none (the default)
         * @return this Builder
         */
        public Builder omit(Duration d) {
            this.omit = d;
            return this;
        }

        /**
         * TCP_MAXSEG: the largest segment to send.
         * @param bytes the segment size in bytes
         * @return this Builder
         */
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
         * @param cpus the CPU numbers, or null (the default) for no pinning
         * @return this Builder
         */
        public Builder affinity(List<Integer> cpus) {
            this.affinity = cpus == null ? null : Collections.unmodifiableList(new ArrayList<>(cpus));
            return this;
        }

        /**
         * Loopback only: 1 (the default: both ends on threads of this JVM) or 2 (the accepting end runs as a
         * {@code recv} run in a child JVM started with this one's java, class path and JVM options, and each end
         * reports its own process's CPU). A library does not start JVMs unasked, so the default is 1; the CLI's
         * {@code loopback} asks 2 unless given --one-process. A rump kernel lives inside one process: its loopback
         * runs in one whatever is asked ({@link Run#processes()} says which).
         * @param n 1 or 2
         * @return this Builder
         */
        public Builder processes(int n) {
            this.processes = n;
            return this;
        }

        /**
         * Copies the settings into a {@link RunSpec} and checks them; an {@link InvalidSettingException} names
         * the setting and what to change.
         * @return the run, immutable
         * @throws InvalidSettingException when a setting cannot run, naming the setting and the value
         */
        public Run build() {
            RunSpec spec = new RunSpec(mode, host, kernel, RunSpecRules.engine(Setting.ENGINE, engine),
                    RunSpecRules.engine(Setting.RECEIVER_ENGINE, receiverEngine), bytes, upTo, time, sockbufs, repeat,
                    interval, parallel, reverse, bidir, buffer, waitAll, poll, rcvlowat, sink, source, family, port, bind,
                    backlog, connectTimeout, idleTimeout, serve, allow, maxTime, maxBytes, congestion, noDelay, mss,
                    omit, affinity, processes);
            RunSpecRules.check(spec);
            return new Run(spec);
        }

        /** A Builder holding a spec's settings. */
        static Builder of(RunSpec s) {
            Builder b = new Builder(s.mode(), s.host());
            b.kernel = s.kernel();
            b.engine = s.engine() == null ? null : s.engine().id();
            b.receiverEngine = s.receiverEngine() == null ? null : s.receiverEngine().id();
            b.bytes = s.bytes();
            b.upTo = s.upTo();
            b.time = s.time();
            b.sockbufs = s.sockbufs();
            b.repeat = s.repeat();
            b.interval = s.interval();
            b.parallel = s.parallel();
            b.reverse = s.reverse();
            b.bidir = s.bidir();
            b.buffer = s.buffer();
            b.waitAll = s.waitAll();
            b.poll = s.poll();
            b.rcvlowat = s.rcvlowat();
            b.sink = s.sink();
            b.source = s.source();
            b.family = s.family();
            b.port = s.port();
            b.bind = s.bind();
            b.backlog = s.backlog();
            b.connectTimeout = s.connectTimeout();
            b.idleTimeout = s.idleTimeout();
            b.serve = s.serve();
            b.allow = s.allow();
            b.maxTime = s.maxTime();
            b.maxBytes = s.maxBytes();
            b.congestion = s.congestion();
            b.noDelay = s.noDelay();
            b.mss = s.mss();
            b.omit = s.omit();
            b.affinity = s.affinity();
            b.processes = s.processes();
            return b;
        }
    }
}
