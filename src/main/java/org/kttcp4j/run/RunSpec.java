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
 * @param engine the engine this process runs (loopback: the sender's); null: the kernel's default
 * @param receiverEngine loopback's receiving engine; null: the same as engine
 * @param bytes the sender's total, or a receiver's expected count; null: the default (1 GiB), or what comes
 * @param source the splice sender's source; null: {@link Source#WRITE}
 * @param port null: any free port for loopback, else {@link Run#DEFAULT_PORT}
 * @param backlog null: one per stream, a server's {@link Run#SERVER_BACKLOG}
 * @param affinity null: no pinning
 */
@PublicApi
public record RunSpec(Mode mode, String host, Kernel kernel, EngineKind engine, EngineKind receiverEngine, Long bytes,
        boolean upTo, Duration time, List<Integer> sockbufs, int repeat, Duration interval, int parallel,
        boolean reverse, boolean bidir, int buffer, boolean waitAll, Integer rcvlowat, Sink sink, Source source,
        Family family, Integer port, String bind, Integer backlog, Duration connectTimeout, Duration idleTimeout,
        boolean serve, List<Cidr> allow, Duration maxTime, Long maxBytes, String congestion, boolean noDelay,
        Integer mss, Duration omit, List<Integer> affinity, int processes) {

    public RunSpec {
        sockbufs = sockbufs == null ? null : Collections.unmodifiableList(new ArrayList<>(sockbufs));
        allow = allow == null ? List.of() : List.copyOf(allow);
        affinity = affinity == null ? null : Collections.unmodifiableList(new ArrayList<>(affinity)); // may hold null
    }

    /** The engine this process runs (loopback: the sender's), the kernel's default when none was chosen. */
    public EngineKind engineOrDefault() {
        return engine != null ? engine : kernel != null ? Engines.defaultFor(kernel) : Engines.defaultForHost();
    }

    /** Loopback's receiving engine: the sending one unless chosen. */
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
