package org.kttcp4j.run;

import org.kttcp4j.PublicApi;

/**
 * How a series of runs ended ({@link Results#outcome()}): it completed, it was stopped (by a signal, or by a cap),
 * or it failed, with the kind of failure and its cause in one line. The command line's exit status derives from
 * it alone.
 */
@PublicApi
public sealed interface Outcome {
    /** Every run of the series ran, and none failed. */
    @PublicApi
    record Completed() implements Outcome {}

    /**
     * Stopped before its end; the runs before the stop are kept.
     *
     * @param by what stopped it: a signal or a cap
     * @param message how it was told ("SIGINT", "SIGTERM while ...")
     */
    @PublicApi
    record Stopped(Stop by, String message) implements Outcome {}

    /**
     * Failed: what kind of failure, and its cause.
     *
     * @param kind where it failed: before any run, at the listener, ending the series, or in a run
     * @param cause one line that names the fix where one is known
     */
    @PublicApi
    record Failed(Failure kind, String cause) implements Outcome {}

    /** What stops a series. */
    @PublicApi
    enum Stop {
        /** Ctrl-C. */
        SIGINT,
        /** kill, a service manager. */
        SIGTERM,
        /** A limit the run was given (a server's max time or bytes). */
        CAP;

        /** The signal of its name ("SIGINT", "SIGTERM", as {@link Signals} names them), else CAP. */
        static Stop of(String signal) {
            return "SIGINT".equals(signal) ? SIGINT : "SIGTERM".equals(signal) ? SIGTERM : CAP;
        }

        /**
         * Whether a signal stopped the series.
         * @return true for SIGINT and SIGTERM, false for a cap
         */
        public boolean signal() {
            return this != CAP;
        }
    }

    /** The kinds of failure. */
    @PublicApi
    enum Failure {
        /** Nothing ran: an engine, the device or the loopback's second process would not start. */
        START,
        /** The listening socket failed (accept): a server cannot go on. */
        LISTENER,
        /** A failure ended the series early: a connection refused or timed out, no sender in time. */
        ENDED,
        /** The series ran, and a run of it failed or was partial (an end's error, fewer bytes than expected). */
        RUN
    }

    /** The outcome of a series that ran to its end. */
    Completed COMPLETED = new Completed();

    /**
     * The one line of a failure that ended the series early (START, LISTENER, ENDED), else null.
     * @return the cause, or null
     */
    default String error() {
        return this instanceof Failed f && f.kind() != Failure.RUN ? f.cause() : null;
    }

    /**
     * How it was stopped, or null.
     * @return the stop's message, or null
     */
    default String stopped() {
        return this instanceof Stopped s ? s.message() : null;
    }

    /**
     * A server goes on after a failed run, but not after its listening socket failed.
     * @return true when the listening socket failed
     */
    default boolean listenerFailed() {
        return this instanceof Failed f && f.kind() == Failure.LISTENER;
    }
}
