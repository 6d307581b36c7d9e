package org.kttcp4j.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one run ends early. Every blocking call of the run (accept, connect, a transfer) registers how to end it;
 * {@link #stop} (a signal, a cap) and {@link #fail} (a stalled stream, an accept that timed out) end them all at
 * once, and the ends then report themselves as stopped or failed instead of with the socket errors the abort
 * caused.
 */
final class Control implements org.kttcp4j.net.AbortHook {
    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();
    private volatile String stopped;
    private volatile String failure;

    /** Registers an abort action until the returned handle is closed. */
    @Override
    public org.kttcp4j.net.Watchdog.Armed register(Runnable abort) {
        aborts.add(abort);
        if (ended()) {
            abort.run();
        }
        return () -> aborts.remove(abort);
    }

    /** Ends the run as stopped (not a failure): "SIGINT", "--max-time 10 s reached". */
    void stop(String why) {
        end(why, true);
    }

    /** Ends the run as failed, with a message that names the likely cause. */
    void fail(String why) {
        end(why, false);
    }

    private synchronized void end(String why, boolean stop) {
        if (ended()) {
            return;
        }
        if (stop) {
            stopped = why;
        } else {
            failure = why;
        }
        aborts.forEach(Runnable::run);
    }

    boolean ended() {
        return stopped != null || failure != null;
    }

    String stopped() {
        return stopped;
    }

    String failure() {
        return failure;
    }
}
