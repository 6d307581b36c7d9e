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
    /** A listener that does nothing. */
    RunListener NONE = new RunListener() {};

    /**
     * Before anything: engines chosen, nothing connected yet.
     * @param run the run, with every setting resolved
     * @param engineDescription the engines in words, as reports print them ("nio", "kttcp -> splice")
     */
    default void started(Run run, String engineDescription) {}

    /**
     * An accepting process listens.
     * @param local the address and port it listens on (the port chosen when 0 was asked)
     */
    default void listening(InetSocketAddress local) {}

    /**
     * Something is being waited for ("connecting to HOST port P"): a progress line may show it.
     * @param what the thing waited for, in words
     */
    default void waiting(String what) {}

    /**
     * A stream's connection is up; role is the end this process plays on it.
     * @param role the role this process plays on the stream
     * @param peer the other end's address and port
     */
    default void connected(Role role, InetSocketAddress peer) {}

    /**
     * A run of a series is about to move bytes (index from 1, per socket-buffer size).
     * @param run the run
     * @param sockbuf the socket buffer size this run asks for, in bytes (0: the kernel's autotuning)
     * @param index its place in the series, from 1
     */
    default void runStarted(Run run, int sockbuf, int index) {}

    /**
     * An interval closed (--interval).
     * @param interval the interval, with its bytes and TCP_INFO sample
     */
    default void interval(Interval interval) {}

    /**
     * About twice a second: bytes moved so far per stream, and seconds since the run started.
     * @param totals the bytes moved per stream, stream 1 first
     * @param seconds the seconds since the run started
     */
    default void progress(long[] totals, double seconds) {}

    /**
     * A run of the series has ended, complete, stopped or failed (see {@link RunResult#failed()}).
     * @param result the run's result
     */
    default void runEnded(RunResult result) {}

    /**
     * After a series (several runs): one row per socket-buffer size.
     * @param rows one row per socket-buffer size, with the series' statistics
     */
    default void summary(List<SummaryRow> rows) {}

    /**
     * A server (recv --serve) closed a connection without a run: not allowed, or nothing arrived.
     * @param peer the client's address and port
     * @param reason why, in words
     */
    default void refused(InetSocketAddress peer, String reason) {}

    /**
     * The series has ended: every run, its summary and its outcome.
     * @param results what {@link Run#execute} returns
     */
    default void finished(Results results) {}

    /**
     * Whether {@link Results#runs()} must hold every run of the series when it ends (the default, for listeners
     * that read them there). A listener that takes each run as it ends ({@link #runEnded}) says false, and a long
     * series then keeps only its last run and what its statistics need: its memory stays flat.
     * @return true to keep every run (the default), false to keep only the last
     */
    default boolean keepsRuns() {
        return true;
    }

    /**
     * inner, told every message of the run (a stream's error, why it stopped, a refusal, a wait, the series'
     * outcome) with the settings it names ({@link Setting#ref()}) written by names: the command line passes its
     * flags, so its reporters print {@code --parallel} where the library says {@code `parallel`}.
     * @param inner the listener to forward to
     * @param names each setting's name in the caller's words (the command line: its flag)
     * @return a listener that forwards everything to inner, its messages renamed
     */
    static RunListener named(RunListener inner, Function<Setting, String> names) {
        return new NamedListener(inner, names);
    }
}
