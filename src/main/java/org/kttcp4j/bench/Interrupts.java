package org.kttcp4j.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C ends a run, not the report: the shutdown hook aborts every registered socket (its blocked call returns),
 * then waits a bounded time for the run to print what it moved before the JVM exits.
 */
public final class Interrupts {
    private static final Set<Runnable> ABORTS = ConcurrentHashMap.newKeySet();
    private static final CountDownLatch REPORTED = new CountDownLatch(1);
    private static volatile boolean installed;
    private static volatile boolean stopping;

    private Interrupts() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (REPORTED.getCount() == 0) {
                return;
            }
            stopping = true;
            ABORTS.forEach(Runnable::run);
            try {
                REPORTED.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kttcp4j-interrupt"));
    }

    /** Registers an abort action; close the returned handle when the socket is closed. */
    public static AutoCloseable onInterrupt(Runnable abort) {
        ABORTS.add(abort);
        return () -> ABORTS.remove(abort);
    }

    /** True once Ctrl-C (or SIGTERM) has asked the run to stop: errors from aborted calls are that, not faults. */
    public static boolean stopping() {
        return stopping;
    }

    /** The run has printed its report: the hook need not wait. */
    public static void reported() {
        REPORTED.countDown();
    }
}
