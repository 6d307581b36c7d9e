package org.kttcp4j.engine;

/** Told of bytes as an engine moves them, for interval reports and live progress. Called on the engine's thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = bytes -> {};

    void moved(long bytes);

    /**
     * The transfer's clock starts now (a sender's at its first call, a receiver's at its first bytes): intervals
     * count from here, so they lie within the transfer's own time.
     */
    default void started() {}

    /**
     * The transfer's clock stopped at atNanos (System.nanoTime: its last call returned, or failed): the intervals
     * end there, not when the ends have exchanged their EOFs and closed.
     */
    default void ended(long atNanos) {}
}
