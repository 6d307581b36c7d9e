package org.kttcp4j.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many descriptors of the kinds kttcp4j makes this process holds (Linux /proc, NetBSD's /dev/fd), and a leak
 * check over them.
 */
public final class Descriptors {
    private Descriptors() {}

    /**
     * The count once it has come down to at most {@code limit}, or what it is after ten seconds: other threads of
     * the test JVM (the JDK's process reaper, a peer thread finishing) may still be closing their own, and on a
     * machine whose cores other builds keep busy such a thread may wait seconds for its turn. A leak stays above
     * the limit however long one waits, so the wait costs time only when there is one. The count may end below
     * the limit (another thread closed one of its own): compare with {@code <=}, as {@link #assertNoneLeaked} does.
     */
    public static int settle(int limit) {
        long end = System.nanoTime() + 10_000_000_000L;
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

    /** Fails, naming the open descriptors, when more than {@code before} stay open after settling. */
    public static void assertNoneLeaked(int before) {
        int n = settle(before);
        if (n > before) {
            throw new AssertionError(n + " descriptors open, " + before + " before: a leak? " + describe());
        }
    }

    /** The open descriptors and what they are (Linux: the /proc/self/fd link targets). */
    public static String describe() {
        TreeMap<Integer, String> all = new TreeMap<>();
        String[] names = new File("/proc/self/fd").list();
        if (names == null) {
            return "(no /proc here)";
        }
        for (String name : names) {
            try {
                all.put(Integer.parseInt(name), Files.readSymbolicLink(Path.of("/proc/self/fd", name)).toString());
            } catch (IOException | NumberFormatException e) {
                all.put(-1, name + " (closed while listed)");
            }
        }
        return all.toString();
    }

    /**
     * The descriptors open now of the kinds kttcp4j makes: TCP sockets, pipes, memfds, /dev/null, /dev/kttcp and
     * anonymous inodes (a selector's epoll). The JVM opens others of its own the first time a test needs them
     * (a jar, /dev/urandom, libffi's closure file, a unix socket) and keeps them, which is no leak; on Linux each
     * /proc/self/fd link says what it is. Elsewhere (NetBSD's /dev/fd) every descriptor counts.
     */
    public static int count() {
        String[] names = new File("/proc/self/fd").list();
        if (names == null) {
            names = new File("/dev/fd").list();
            if (names == null) {
                throw new IllegalStateException("cannot list this process's descriptors");
            }
            return names.length;
        }
        Set<String> tcp = tcpInodes();
        int n = 0;
        for (String name : names) {
            try {
                if (made(Files.readSymbolicLink(Path.of("/proc/self/fd", name)).toString(), tcp)) {
                    n++;
                }
            } catch (IOException e) {
                // closed while listed (or the listing's own descriptor): not open now
            }
        }
        return n;
    }

    private static boolean made(String target, Set<String> tcp) {
        if (target.startsWith("socket:[")) {
            return tcp.contains(target.substring("socket:[".length(), target.length() - 1));
        }
        return target.startsWith("pipe:") || target.startsWith("anon_inode:") || target.startsWith("/memfd:")
                || target.equals("/dev/null") || target.startsWith("/dev/kttcp");
    }

    /** The inodes of this network namespace's TCP sockets (/proc/net/tcp and tcp6: the tenth column). */
    private static Set<String> tcpInodes() {
        Set<String> inodes = new HashSet<>();
        for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException e) {
                // no IPv6 (no tcp6 table): its sockets are none
            }
        }
        return inodes;
    }
}
