package org.kttcp4j.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.kttcp4j.PublicApi;

/**
 * The engines, by what moves the bytes: NetBSD's kttcp(4) device, Linux's splice/sendfile, read/write from a
 * user buffer, the JDK's channels. A run names its engines with these; {@link #id()} is the name the command
 * line and the result files use.
 */
@PublicApi
public enum EngineKind {
    /** NetBSD's in-kernel kttcp(4): one ioctl per chunk on /dev/kttcp (NetBSD, or a NetBSD rump kernel). */
    KTTCP,
    /** Linux: the kernel as source (write or sendfile) and sink (recv MSG_TRUNC or splice). */
    SPLICE,
    /** read(2)/write(2) from a user buffer, on the kernel the run uses. */
    USER,
    /** The JDK's SocketChannel: what a Java application gets, on any OS. */
    NIO;

    /**
     * "kttcp", "splice", "user", "nio".
     * @return the identifier, lower case
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Every engine's id, in the order --help lists them.
     * @return the identifiers
     */
    public static List<String> ids() {
        return Arrays.stream(values()).map(EngineKind::id).toList();
    }

    /**
     * The engine of an id ("splice"); anything else is refused with the choices.
     * @param id the identifier
     * @return the engine
     */
    public static EngineKind of(String id) {
        for (EngineKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "': choose one of " + String.join(", ", ids()));
    }
}
