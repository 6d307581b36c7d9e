package org.kttcp4j.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kttcp4j.net.Watchdog;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for a command-line process: the first stops every stream of the runs in progress at once
 * (they report what they moved, as stopped), and no further run of a series starts; a second one exits at once,
 * with 128 + the signal's number. A library user's JVM keeps its own handlers: only {@link #install()} (the CLI
 * calls it) takes them over.
 */
public final class Signals {
    private static final Set<Control> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile String received;

    private Signals() {}

    /** Takes SIGINT and SIGTERM over (sun.misc.Signal, in the JDK's jdk.unsupported module). */
    public static synchronized void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> receive("SIG" + s.getName(), s.getNumber()));
            } catch (IllegalArgumentException e) {
                // the JVM runs with -Xrs, or the signal is used by the JVM: keep the default
            }
        }
    }

    private static void receive(String name, int number) {
        if (received != null) {
            Runtime.getRuntime().halt(128 + number); // a second signal: out at once
        }
        received = name;
        RUNNING.forEach(c -> c.stop(name));
    }

    /**
     * Stops the runs in progress as if this process had received the signal (a loopback run's child, told by its
     * parent, or by itself once its parent let a signal's grace pass): they report what they moved, as stopped, and
     * no further run starts.
     */
    static void relayed(String name) {
        if (received == null) {
            received = name;
        }
        RUNNING.forEach(c -> c.stop(name));
    }

    /** The signal received, or null. */
    public static String received() {
        return received;
    }

    static Watchdog.Armed watch(Control c) {
        RUNNING.add(c);
        if (received != null) {
            c.stop(received);
        }
        return () -> RUNNING.remove(c);
    }
}
