package org.kttcp4j.junit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.device.KttcpDevice;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.run.Run;

/**
 * One {@link KttcpTest}'s settings as they take effect: the annotation's, each overridden by a system property
 * for this test ({@code kttcp4j.ClassName.method.NAME}) or for every test ({@code kttcp4j.NAME}); the peer from
 * the properties or the environment ({@link Peer}).
 */
record Settings(String test, String engine, long timeMillis, long bytes, int parallel, int repeat, String host,
        int port, double gbitsAtLeast, double cpuSecondsPerGbAtMost, long retransmitsAtMost) {
    static final String PREFIX = "kttcp4j.";

    static Settings of(Method m, KttcpTest a) {
        String test = m.getDeclaringClass().getSimpleName() + "." + m.getName();
        String host = firstOf(System.getProperty(PREFIX + "peer.host"), System.getenv("KTTCP4J_PEER_HOST"));
        String port = firstOf(System.getProperty(PREFIX + "peer.port"), System.getenv("KTTCP4J_PEER_PORT"));
        String engine = a.engine().isEmpty() ? Engines.defaultName() : a.engine();
        try {
            EngineKind.of(engine);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(test + ": @KttcpTest(engine = \"" + engine + "\"): " + e.getMessage());
        }
        boolean remote = host != null && a.peer() != Peer.LOOPBACK;
        return new Settings(test, engine,
                value(test, "timeMillis", a.timeMillis(), Long::parseLong, "milliseconds, e.g. 2000"),
                a.bytes(), a.parallel(),
                value(test, "repeat", a.repeat(), Integer::parseInt, "a number of runs, e.g. 5"),
                remote ? host : null,
                remote ? parsePort(port) : Run.DEFAULT_PORT,
                value(test, "gbitsAtLeast", a.gbitsAtLeast(), Double::parseDouble, "Gbit/s, e.g. 0.5"),
                value(test, "cpuSecondsPerGbAtMost", a.cpuSecondsPerGbAtMost(), Double::parseDouble,
                        "CPU seconds per GB, e.g. 2.5"),
                value(test, "retransmitsAtMost", a.retransmitsAtMost(), Long::parseLong, "a count, e.g. 0"));
    }

    boolean remote() {
        return host != null;
    }

    /** The run these settings make: a send to the remote receiver, or a loopback with its receiver in a child JVM. */
    Run run() {
        Run.Builder b = remote() ? Run.send(host).port(port) : Run.loopback().processes(2);
        b.engine(engine).parallel(parallel).repeat(repeat);
        if (bytes > 0) {
            b.bytes(bytes);
        } else {
            b.time(Duration.ofMillis(timeMillis));
        }
        return b.build();
    }

    /** "loopback (receiver in a child JVM), engine nio, 500 ms per run, 3 runs, 1 stream" */
    String describe() {
        return (remote() ? "send to " + host + ":" + port : "loopback (receiver in a child JVM)") + ", engine " + engine
                + ", " + (bytes > 0 ? bytes + " bytes" : timeMillis + " ms") + " per run, " + repeat + " run"
                + (repeat == 1 ? "" : "s") + ", " + parallel + " stream" + (parallel == 1 ? "" : "s");
    }

    /** Why this OS cannot run the engine (the skip's reason, with what to do), or empty when it can. */
    static Optional<String> missing(String engine) {
        Kernel host;
        try {
            host = Kernel.host();
        } catch (UnsupportedOperationException e) {
            return engine.equals(EngineKind.NIO.id()) ? Optional.empty() : Optional.of(e.getMessage()
                    + ": engine \"nio\" (the JDK's channels) runs here");
        }
        return missing(engine, host);
    }

    /** The same on a given kernel (NetBSD's or Linux's system calls, the fake NetBSD kernel in tests). */
    static Optional<String> missing(String engine, Kernel host) {
        boolean netbsd = Kernels.abi(host) == Abi.netbsd();
        String os = netbsd ? "NetBSD" : System.getProperty("os.name");
        switch (EngineKind.of(engine)) {
            case SPLICE:
                return netbsd
                        ? Optional.of("the splice engine is Linux's (splice(2), sendfile(2)) and this is " + os
                                + ": use engine \"kttcp\", \"user\" or \"nio\" here")
                        : Optional.empty();
            case KTTCP:
                if (!netbsd) {
                    return Optional.of("the kttcp engine needs NetBSD's kttcp(4) device, /dev/kttcp, and this is "
                            + os + ": use engine \"splice\", \"user\" or \"nio\" here, or run on NetBSD");
                }
                try {
                    KttcpDevice.open(host).close();
                    return Optional.empty();
                } catch (ErrnoException e) {
                    return Optional.of("no usable /dev/kttcp: " + e.getMessage());
                }
            default:
                return Optional.empty();
        }
    }

    private static <T> T value(String test, String name, T annotated, Function<String, T> parse, String example) {
        for (String key : new String[] {PREFIX + test + "." + name, PREFIX + name}) {
            String v = System.getProperty(key);
            if (v != null) {
                try {
                    return parse.apply(v.trim());
                } catch (NumberFormatException e) {
                    throw new ExtensionConfigurationException("-D" + key + "=" + v + " is not a number: give "
                            + example);
                }
            }
        }
        return annotated;
    }

    private static int parsePort(String port) {
        if (port == null) {
            return Run.DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(port.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new ExtensionConfigurationException("the peer's port '" + port + "' (kttcp4j.peer.port or"
                + " KTTCP4J_PEER_PORT) is not a port: give 1 to 65535, recv's --port");
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
