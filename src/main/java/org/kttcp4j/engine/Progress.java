package org.kttcp4j.engine;

/** Told of bytes as an engine moves them, for interval reports and live progress. Called on the engine's thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = bytes -> {};

    void moved(long bytes);
}
