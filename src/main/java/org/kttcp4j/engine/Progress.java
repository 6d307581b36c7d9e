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
}
