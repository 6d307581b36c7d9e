package org.kttcp4j.engine;

import org.kttcp4j.PublicApi;

/** Where the splice engine's receiver puts the bytes: both keep them in the kernel. */
@PublicApi
public enum Sink {
    /** recv(fd, NULL, n, MSG_TRUNC): Linux's TCP drops up to n received bytes, no copy, no pipe. */
    DISCARD,
    /** splice(2) into a pipe and on into /dev/null. */
    SPLICE;

    /**
     * "discard" or "splice"; anything else is refused with the choices.
     * @param name the sink's name
     * @return the sink
     */
    public static Sink parse(String name) {
        return EngineConfig.byName(Sink.class, "sink", name);
    }
}
