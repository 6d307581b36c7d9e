package org.kttcp4j.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kttcp4j.posix.Kernel;

/**
 * What engines are built with: the kernel behind the native ones (null for the host's, which is then bound only
 * when a native engine is made, so the nio engine runs where kttcp4j has no system-call table), the user and nio
 * engines' buffer size (splice's bytes per call), MSG_WAITALL for the user engine's receiver, the Linux
 * kernel engine's source and sink ({@link Sink}, {@link Source}), and the user engine's poll loop.
 */
public record EngineConfig(Kernel chosen, int bufferSize, boolean waitAll, Sink sink, Source source, boolean poll) {
    public static final int DEFAULT_BUFFER = 128 * 1024; // iperf3's default TCP write size

    public EngineConfig {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferSize);
        }
    }

    /** The constant of an enum by its name in either case, or an error that lists the choices. */
    static <E extends Enum<E>> E byName(Class<E> type, String what, String name) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': choose " + String.join(" or ", names));
    }

    public EngineConfig(Kernel chosen, int bufferSize, boolean waitAll, Sink sink) {
        this(chosen, bufferSize, waitAll, sink, Source.WRITE, false);
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
