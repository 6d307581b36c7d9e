package org.kttcp4j.engine;

import java.util.List;
import org.kttcp4j.abi.Abi;

/** The engines by name, and which one a run uses when none is named. */
public final class Engines {
    private Engines() {}

    /** Every engine name, in the order --help lists them. */
    public static List<String> names() {
        return List.of("kttcp", "splice", "user", "nio");
    }

    public static Engine create(String name, EngineConfig config) {
        return switch (name) {
            case "kttcp" -> new KttcpEngine(config);
            case "splice" -> new SpliceEngine(config);
            case "user" -> new UserEngine(config);
            case "nio" -> new NioEngine(config);
            default -> throw new IllegalArgumentException("unknown engine '" + name + "': choose one of "
                    + String.join(", ", names()));
        };
    }

    /** kttcp on NetBSD, splice on Linux: the kernel as source and sink wherever the kernel offers it. */
    public static String defaultName(Abi abi) {
        return abi == Abi.netbsd() ? "kttcp" : "splice";
    }

    /** The default where kttcp4j has no system-call table for the OS: the JDK's own engine. */
    public static String defaultName() {
        try {
            return defaultName(Abi.host());
        } catch (UnsupportedOperationException e) {
            return "nio";
        }
    }
}
