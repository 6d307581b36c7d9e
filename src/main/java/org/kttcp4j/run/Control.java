package org.kttcp4j.run;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.kttcp4j.net.AbortHook;
import org.kttcp4j.net.Watchdog;

/**
 * How one run ends early. Every blocking call of the run (accept, connect, a transfer) registers how to end it;
 * {@link #stop} (a signal, a cap) and {@link #fail} (a stalled stream, an accept that timed out) end them all at
 * once, and the ends then report themselves as stopped or failed instead of with the socket errors the abort
 * caused.
 */
final class Control implements AbortHook {
    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();
    private volatile String stopped;
    private volatile String failure;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /** Registers an abort action until the returned handle is closed. */
    @Override
    public Watchdog.Armed register(Runnable abort) {
        aborts.add(abort);
        if (ended()) {
            abort.run();
        }
        return () -> aborts.remove(abort);
    }

    /** Ends the run as stopped (not a failure): "SIGINT", "`maxTime` 10 s reached". */
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
        ended.complete(null);
    }

    /** Completes when the run is ended (stopped or failed): what a wait for its ends waits on besides them. */
    CompletableFuture<Void> whenEnded() {
        return ended;
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
