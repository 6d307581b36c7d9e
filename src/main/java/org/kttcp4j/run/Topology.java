package org.kttcp4j.run;

import java.io.IOException;

/**
 * One way a run's streams are laid out: {@link OneProcessLoopback}, {@link TwoProcessLoopback},
 * {@link Connecting}, {@link Accepting}, {@link Serving}. Each lays out one run of a series (its connections, its
 * stream ends on {@link Streams}) and returns that run's result; the {@link Runner} runs the series over it and
 * never lends it a callback. What outlives one run (a listening socket, a server's door, the child JVM) is the
 * topology's, closed by {@link #close}.
 */
interface Topology extends AutoCloseable {
    /** Lays out one run and returns its result (the trial's {@link Trial#result}); throws what ends the series. */
    RunResult run(Trial trial) throws IOException;

    @Override
    default void close() throws IOException {}
}
