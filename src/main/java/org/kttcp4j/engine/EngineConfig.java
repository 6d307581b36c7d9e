package org.kttcp4j.engine;

import java.util.function.Supplier;
import org.kttcp4j.posix.Kernel;

/**
 * What engines are built with: the kernel behind the native ones (asked for only when a native engine is made,
 * so the nio engine runs where kttcp4j has no system-call table), the user buffer size, MSG_WAITALL, and the
 * splice engine's receiving sink.
 */
public final class EngineConfig {
    public static final int DEFAULT_BUFFER = 128 * 1024; // iperf3's default TCP write size

    /** Where the splice engine's receiver puts the bytes: a pipe into /dev/null, or recv(MSG_TRUNC)'s discard. */
    public enum Sink {
        SPLICE, DISCARD;

        /** "splice" or "discard", as --sink takes them. */
        public static Sink parse(String name) {
            return switch (name) {
                case "splice" -> SPLICE;
                case "discard" -> DISCARD;
                default -> throw new IllegalArgumentException("unknown sink '" + name + "': choose splice or discard");
            };
        }
    }

    private final Supplier<Kernel> kernelSupplier;
    private volatile Kernel kernel;
    private final int bufferSize;
    private final boolean waitAll;
    private final Sink sink;

    public EngineConfig(Supplier<Kernel> kernel, int bufferSize, boolean waitAll) {
        this(kernel, bufferSize, waitAll, Sink.SPLICE);
    }

    public EngineConfig(Supplier<Kernel> kernel, int bufferSize, boolean waitAll, Sink sink) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferSize);
        }
        this.kernelSupplier = kernel;
        this.bufferSize = bufferSize;
        this.waitAll = waitAll;
        this.sink = sink;
    }

    public static EngineConfig defaults() {
        return new EngineConfig(Kernel::host, DEFAULT_BUFFER, false);
    }

    public Kernel kernel() {
        Kernel k = kernel;
        if (k == null) {
            k = kernelSupplier.get();
            kernel = k;
        }
        return k;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public boolean waitAll() {
        return waitAll;
    }

    public Sink sink() {
        return sink;
    }
}
