package org.kttcp4j.engine;

import java.util.List;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Kernel;

/** The engines by kind, and which one a run uses when none is named. */
public final class Engines {
    private Engines() {}

    /** Every engine's name, in the order --help lists them. */
    public static final List<String> NAMES = EngineKind.ids();

    /** Makes an engine; an engine that cannot run on the config's kernel is refused here. */
    public static Engine<?> create(EngineKind kind, EngineConfig config) {
        return switch (kind) {
            case KTTCP -> new KttcpEngine(config);
            case SPLICE -> new SpliceEngine(config);
            case USER -> new UserEngine(config);
            case NIO -> new NioEngine(config);
        };
    }

    /** The same by name ("splice"); an unknown name is refused with the choices. */
    public static Engine<?> create(String name, EngineConfig config) {
        return create(EngineKind.of(name), config);
    }

    /** kttcp on NetBSD (and on a NetBSD rump kernel), splice on Linux: the kernel as source and sink. */
    public static EngineKind defaultFor(Kernel kernel) {
        return Kernels.abi(kernel) == Abi.netbsd() ? EngineKind.KTTCP : EngineKind.SPLICE;
    }

    /** The default where kttcp4j has no system-call table for the OS: the JDK's own engine. */
    public static EngineKind defaultForHost() {
        try {
            return defaultFor(Kernel.host());
        } catch (UnsupportedOperationException e) {
            return EngineKind.NIO;
        }
    }

    /** {@link #defaultFor}'s name. */
    public static String defaultName(Kernel kernel) {
        return defaultFor(kernel).id();
    }

    /** {@link #defaultForHost}'s name. */
    public static String defaultName() {
        return defaultForHost().id();
    }

    /** Refuses a kernel other than this process's own for engines whose calls only the host can make. */
    static void requireHostKernel(String engine, Kernel kernel, String fix) {
        if (!kernel.isHost()) {
            throw new UnsupportedOperationException("the " + engine + " engine cannot move bytes on the sockets of "
                    + kernel.name() + ": " + fix);
        }
    }
}
