package org.kttcp4j.net;

/**
 * Where a blocking call registers how to end it early (a signal, a stalled peer, a timeout elsewhere);
 * closing the returned handle unregisters it.
 */
@FunctionalInterface
public interface AbortHook {
    AbortHook NONE = abort -> () -> {};

    Watchdog.Armed register(Runnable abort);
}
