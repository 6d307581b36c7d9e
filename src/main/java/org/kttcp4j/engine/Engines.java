package org.kttcp4j.engine;

import java.util.List;
import org.kttcp4j.abi.Abi;

/** The engines by name, and which one a run uses when none is named. */
public final class Engines {
    private Engines() {}

    /** Every engine name, in the order --help lists them. */
    public static List<String> names() {
        return List.of("kttcp", "user");
    }

    public static Engine create(String name, EngineConfig config) {
        return switch (name) {
            case "kttcp" -> new KttcpEngine(config);
            case "user" -> new UserEngine(config);
            default -> throw new IllegalArgumentException("unknown engine '" + name + "': choose one of "
                    + String.join(", ", names()));
        };
    }

    /** kttcp on NetBSD; elsewhere the best engine this OS has. */
    public static String defaultName(Abi abi) {
        return abi == Abi.netbsd() ? "kttcp" : "user";
    }
}
