package org.kttcp4j.engine;

import java.util.List;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.posix.Kernel;

/** The engines by name, and which one a run uses when none is named. */
public final class Engines {
    private Engines() {}

    /** Every engine name, in the order --help lists them. */
    public static final List<String> NAMES = List.of("kttcp", "splice", "user", "nio");

    /** Makes an engine; unknown names and engines that cannot run on the config's kernel are refused here. */
    public static Engine<?> create(String name, EngineConfig config) {
        return switch (name) {
            case "kttcp" -> new KttcpEngine(config);
            case "splice" -> new SpliceEngine(config);
            case "user" -> new UserEngine(config);
            case "nio" -> new NioEngine(config);
            default -> throw new IllegalArgumentException("unknown engine '" + name + "': choose one of "
                    + String.join(", ", NAMES));
        };
    }

    /** kttcp on NetBSD (and on a NetBSD rump kernel), splice on Linux: the kernel as source and sink. */
    public static String defaultName(Kernel kernel) {
        return kernel.abi() == Abi.netbsd() ? "kttcp" : "splice";
    }

    /** The default where kttcp4j has no system-call table for the OS: the JDK's own engine. */
    public static String defaultName() {
        try {
            return defaultName(Kernel.host());
        } catch (UnsupportedOperationException e) {
            return "nio";
        }
    }

    /** Refuses a kernel other than this process's own for engines whose calls only the host can make. */
    static void requireHostKernel(String engine, Kernel kernel, String fix) {
        if (!kernel.isHost()) {
            throw new UnsupportedOperationException("the " + engine + " engine cannot move bytes on the sockets of "
                    + kernel.name() + ": " + fix);
        }
    }
}
