package org.kttcp4j.engine;

import java.util.function.Supplier;
import org.kttcp4j.posix.Kernel;

/**
 * What engines are built with: the kernel behind the native ones (asked for only when a native engine is made,
 * so the nio engine runs where kttcp4j has no system-call table), the user buffer size, and MSG_WAITALL.
 */
public final class EngineConfig {
    public static final int DEFAULT_BUFFER = 128 * 1024; // iperf3's default TCP write size

    private final Supplier<Kernel> kernelSupplier;
    private volatile Kernel kernel;
    private final int bufferSize;
    private final boolean waitAll;

    public EngineConfig(Supplier<Kernel> kernel, int bufferSize, boolean waitAll) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferSize);
        }
        this.kernelSupplier = kernel;
        this.bufferSize = bufferSize;
        this.waitAll = waitAll;
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
}
