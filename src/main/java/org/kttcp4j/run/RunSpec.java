package org.kttcp4j.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kttcp4j.PublicApi;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernel;

/**
 * Every setting of a run, as it was asked ({@link Run.Builder}; null: the default), copied out of the Builder by
 * {@link Run.Builder#build()} and checked there ({@link RunSpecRules}): nothing done to the Builder afterwards
 * reaches a run. What each setting means is said at its Builder method; {@link Run} derives the plan from it (the
 * defaults, the streams, the budgets).
 *
 * @param mode loopback, connect (send) or accept (recv)
 * @param host the host a connecting run connects to; null otherwise
 * @param kernel the kernel of the native engines; null: the host's
 * @param engine the engine this process runs (loopback: the sender's); null: the kernel's default
 * @param receiverEngine loopback's receiving engine; null: the same as engine
 * @param bytes the sender's total, or a receiver's expected count; null: the default (1 GiB), or what comes
 * @param upTo bytes is a receiver's most, the peer's EOF before it complete
 * @param time a timed sender's duration; null: a byte count
 * @param sockbufs SO_SNDBUF/SO_RCVBUF sizes in bytes, one run each (0: the kernel's autotuning)
 * @param repeat runs per size, from 1
 * @param interval the live intervals' period; null: none
 * @param parallel connections one way, from 1 to 128
 * @param reverse this process receives instead of sends
 * @param bidir both directions at once
 * @param buffer the engines' read and write size, in bytes
 * @param waitAll the user engine's receiver uses MSG_WAITALL
 * @param poll the user engine's ends make non-blocking calls and wait in poll(2), as iperf3's loops
 * @param rcvlowat the receiver's SO_RCVLOWAT in bytes; null: the engine's default
 * @param sink the splice receiver's sink
 * @param source the splice sender's source; null: {@link Source#WRITE}
 * @param family the address family
 * @param port null: any free port for loopback, else {@link Run#DEFAULT_PORT}
 * @param bind the local address; null: any
 * @param backlog null: one per stream, a server's {@link Run#SERVER_BACKLOG}
 * @param connectTimeout how long a connect may take
 * @param idleTimeout how long a stream may move nothing (zero: forever)
 * @param serve an accepting run takes runs until stopped
 * @param allow the peers a server accepts (empty: every peer)
 * @param maxTime a server's cap on one run's time; null: none
 * @param maxBytes a server's cap on one run's bytes; null: none
 * @param congestion the congestion control's name; null: the kernel's
 * @param noDelay TCP_NODELAY on every socket
 * @param mss TCP_MAXSEG in bytes; null: the kernel's
 * @param omit the warm-up left out of the figures; null: none
 * @param affinity the CPUs the stream ends are pinned to, in turn; null: no pinning
 * @param processes loopback's processes: 1 or 2
 */
@PublicApi
public record RunSpec(Mode mode, String host, Kernel kernel, EngineKind engine, EngineKind receiverEngine, Long bytes,
        boolean upTo, Duration time, List<Integer> sockbufs, int repeat, Duration interval, int parallel,
        boolean reverse, boolean bidir, int buffer, boolean waitAll, boolean poll, Integer rcvlowat, Sink sink,
        Source source, Family family, Integer port, String bind, Integer backlog, Duration connectTimeout,
        Duration idleTimeout, boolean serve, List<Cidr> allow, Duration maxTime, Long maxBytes, String congestion, boolean noDelay,
        Integer mss, Duration omit, List<Integer> affinity, int processes) {

    /**
     * Copies the lists, so the spec stays immutable.
     *
     * @param mode loopback, connect (send) or accept (recv)
     * @param host the host a connecting run connects to; null otherwise
     * @param kernel the kernel of the native engines; null: the host's
     * @param engine the engine this process runs (loopback: the sender's); null: the kernel's default
     * @param receiverEngine loopback's receiving engine; null: the same as engine
     * @param bytes the sender's total, or a receiver's expected count; null: the default (1 GiB), or what comes
     * @param upTo bytes is a receiver's most, the peer's EOF before it complete
     * @param time a timed sender's duration; null: a byte count
     * @param sockbufs SO_SNDBUF/SO_RCVBUF sizes in bytes, one run each (0: the kernel's autotuning)
     * @param repeat runs per size, from 1
     * @param interval the live intervals' period; null: none
     * @param parallel connections one way, from 1 to 128
     * @param reverse this process receives instead of sends
     * @param bidir both directions at once
     * @param buffer the engines' read and write size, in bytes
     * @param waitAll the user engine's receiver uses MSG_WAITALL
     * @param poll the user engine's ends make non-blocking calls and wait in poll(2), as iperf3's loops
     * @param rcvlowat the receiver's SO_RCVLOWAT in bytes; null: the engine's default
     * @param sink the splice receiver's sink
     * @param source the splice sender's source; null: {@link Source#WRITE}
     * @param family the address family
     * @param port null: any free port for loopback, else {@link Run#DEFAULT_PORT}
     * @param bind the local address; null: any
     * @param backlog null: one per stream, a server's {@link Run#SERVER_BACKLOG}
     * @param connectTimeout how long a connect may take
     * @param idleTimeout how long a stream may move nothing (zero: forever)
     * @param serve an accepting run takes runs until stopped
     * @param allow the peers a server accepts (empty: every peer)
     * @param maxTime a server's cap on one run's time; null: none
     * @param maxBytes a server's cap on one run's bytes; null: none
     * @param congestion the congestion control's name; null: the kernel's
     * @param noDelay TCP_NODELAY on every socket
     * @param mss TCP_MAXSEG in bytes; null: the kernel's
     * @param omit the warm-up left out of the figures; null: none
     * @param affinity the CPUs the stream ends are pinned to, in turn; null: no pinning
     * @param processes loopback's processes: 1 or 2
     */
    public RunSpec {
        sockbufs = sockbufs == null ? null : Collections.unmodifiableList(new ArrayList<>(sockbufs));
        allow = allow == null ? List.of() : List.copyOf(allow);
        affinity = affinity == null ? null : Collections.unmodifiableList(new ArrayList<>(affinity)); // may hold null
    }

    /**
     * The engine this process runs (loopback: the sender's), the kernel's default when none was chosen.
     * @return the engine, never null
     */
    public EngineKind engineOrDefault() {
        return engine != null ? engine : kernel != null ? Engines.defaultFor(kernel) : Engines.defaultForHost();
    }

    /**
     * Loopback's receiving engine: the sending one unless chosen.
     * @return the engine, never null
     */
    public EngineKind receiverEngineOrDefault() {
        return receiverEngine != null ? receiverEngine : engineOrDefault();
    }

    /** The engines of the sending ends this process plays (none when it only receives; both ways with bidir). */
    List<EngineKind> sendingEngines() {
        EngineKind e = engineOrDefault();
        return switch (mode) {
            case LOOPBACK -> bidir ? List.of(e, receiverEngineOrDefault()) : List.of(e);
            case CONNECT -> reverse ? List.of() : List.of(e);
            case ACCEPT -> reverse || bidir ? List.of(e) : List.of();
        };
    }

    /** The engines of the receiving ends this process plays (none when it only sends; both ways with bidir). */
    List<EngineKind> receivingEngines() {
        EngineKind e = engineOrDefault();
        return switch (mode) {
            case LOOPBACK -> bidir ? List.of(receiverEngineOrDefault(), e) : List.of(receiverEngineOrDefault());
            case CONNECT -> reverse || bidir ? List.of(e) : List.of();
            case ACCEPT -> reverse ? List.of() : List.of(e);
        };
    }
}
