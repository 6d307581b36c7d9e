package org.kttcp4j.net;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking call: an action (shut a socket down) runs on a daemon timer thread if the call has not
 * returned in time. One timer thread for the whole process, started on first use.
 */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kttcp4j-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {}

    /** Disarms on close. */
    public interface Armed extends AutoCloseable {
        @Override
        void close();
    }

    public static Armed arm(Duration timeout, Runnable action) {
        ScheduledFuture<?> f = TIMER.schedule(action, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Runs task every period until the returned handle is closed. */
    public static Armed every(Duration period, Runnable task) {
        ScheduledFuture<?> f = TIMER.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
