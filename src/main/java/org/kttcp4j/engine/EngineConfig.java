package org.kttcp4j.engine;

import java.util.Optional;
import org.kttcp4j.posix.Kernel;

/**
 * What engines are built with: the kernel behind the native ones (null for the host's, which is then bound only
 * when a native engine is made, so the nio engine runs where kttcp4j has no system-call table), the user and nio
 * engines' buffer size (splice's bytes per call), MSG_WAITALL for the user engine's receiver, and the Linux
 * kernel engine's source and sink.
 */
public record EngineConfig(Kernel chosen, int bufferSize, boolean waitAll, Sink sink, Source source) {
    /** Where the splice engine's receiver puts the bytes: both keep them in the kernel. */
    public enum Sink {
        /** recv(fd, NULL, n, MSG_TRUNC): Linux's TCP drops up to n received bytes, no copy, no pipe. */
        DISCARD,
        /** splice(2) into a pipe and on into /dev/null. */
        SPLICE;

        /** "discard" or "splice"; anything else is refused with the choices. */
        public static Sink parse(String name) {
            return byName(Sink.class, "sink", name);
        }
    }

    public static final int DEFAULT_BUFFER = 128 * 1024; // iperf3's default TCP write size

    public EngineConfig {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferSize);
        }
    }

    /** Where the splice engine's sender takes the bytes from. */
    public enum Source {
        /** write(2) from a page-aligned user buffer: with the receiver's low-water mark, the fastest here (bench/). */
        WRITE,
        /** sendfile(2) from a zero-filled memfd: no byte in user space. */
        SENDFILE;

        /** "write" or "sendfile"; anything else is refused with the choices. */
        public static Source parse(String name) {
            return byName(Source.class, "source", name);
        }
    }

    /** The constant of an enum by its name in either case, or an error that lists the choices. */
    static <E extends Enum<E>> E byName(Class<E> type, String what, String name) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
            names.add(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': choose " + String.join(" or ", names));
    }

    public EngineConfig(Kernel chosen, int bufferSize, boolean waitAll, Sink sink) {
        this(chosen, bufferSize, waitAll, sink, Source.WRITE);
    }

    public EngineConfig(Kernel chosen, int bufferSize, boolean waitAll) {
        this(chosen, bufferSize, waitAll, Sink.DISCARD);
    }

    public static EngineConfig defaults() {
        return new EngineConfig(null, DEFAULT_BUFFER, false);
    }

    /** The kernel the native engines make their calls to. */
    public Kernel kernel() {
        return chosen != null ? chosen : Kernel.host();
    }

    /** The kernel when one other than the default was chosen. */
    public Optional<Kernel> chosenKernel() {
        return Optional.ofNullable(chosen);
    }
}
