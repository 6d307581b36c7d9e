package org.kttcp4j.run;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import org.kttcp4j.PublicApi;

/**
 * Told what a run does as it happens, on the thread that runs it (intervals and progress on a timer thread).
 * Reporters implement it; a Java program passes one to {@link Run#execute} to see intervals live. Every method
 * does nothing by default.
 */
@PublicApi
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** Before anything: engines chosen, nothing connected yet. */
    default void started(Run run, String engineDescription) {}

    /** An accepting process listens. */
    default void listening(InetSocketAddress local) {}

    /** Something is being waited for ("connecting to HOST port P"): a progress line may show it. */
    default void waiting(String what) {}

    /** A stream's connection is up; role is the end this process plays on it. */
    default void connected(Role role, InetSocketAddress peer) {}

    /** A run of a series is about to move bytes (index from 1, per socket-buffer size). */
    default void runStarted(Run run, int sockbuf, int index) {}

    /** An interval closed (--interval). */
    default void interval(Interval interval) {}

    /** About twice a second: bytes moved so far per stream, and seconds since the run started. */
    default void progress(long[] totals, double seconds) {}

    default void runEnded(RunResult result) {}

    /** After a series (several runs): one row per socket-buffer size. */
    default void summary(List<SummaryRow> rows) {}

    /** A server (recv --serve) closed a connection without a run: not allowed, or nothing arrived. */
    default void refused(InetSocketAddress peer, String reason) {}

    default void finished(Results results) {}

    /**
     * Whether {@link Results#runs()} must hold every run of the series when it ends (the default, for listeners
     * that read them there). A listener that takes each run as it ends ({@link #runEnded}) says false, and a long
     * series then keeps only its last run and what its statistics need: its memory stays flat.
     */
    default boolean keepsRuns() {
        return true;
    }

    /**
     * inner, told every message of the run (a stream's error, why it stopped, a refusal, a wait, the series'
     * outcome) with the settings it names ({@link Setting#ref()}) written by names: the command line passes its
     * flags, so its reporters print {@code --parallel} where the library says {@code `parallel`}.
     */
    static RunListener named(RunListener inner, Function<Setting, String> names) {
        return new NamedListener(inner, names);
    }
}
