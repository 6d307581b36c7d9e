package org.kttcp4j.engine;

import org.kttcp4j.PublicApi;

/** Where the splice engine's sender takes the bytes from. */
@PublicApi
public enum Source {
    /** write(2) from a page-aligned user buffer: with the receiver's low-water mark, the fastest here (bench/). */
    WRITE,
    /** sendfile(2) from a zero-filled memfd: no byte in user space. */
    SENDFILE;

    /**
     * "write" or "sendfile"; anything else is refused with the choices.
     * @param name the source's name
     * @return the source
     */
    public static Source parse(String name) {
        return EngineConfig.byName(Source.class, "source", name);
    }
}
