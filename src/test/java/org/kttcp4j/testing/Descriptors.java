package org.kttcp4j.testing;

import java.io.File;

/** How many descriptors this process holds (Linux /proc, NetBSD's /dev/fd). */
public final class Descriptors {
    private Descriptors() {}

    /**
     * The count once it has come down to at most {@code limit}, or what it is after two seconds: other threads of
     * the test JVM (the JDK's process reaper, a peer thread finishing) may still be closing their own. A leak
     * stays above the limit however long one waits.
     */
    public static int settle(int limit) {
        long end = System.nanoTime() + 2_000_000_000L;
        int n = count();
        while (n > limit && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            n = count();
        }
        return n;
    }

    public static int count() {
        String[] names = new File("/proc/self/fd").list();
        if (names == null) {
            names = new File("/dev/fd").list();
        }
        if (names == null) {
            throw new IllegalStateException("cannot list this process's descriptors");
        }
        return names.length;
    }
}
