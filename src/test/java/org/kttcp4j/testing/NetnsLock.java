package org.kttcp4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class at a time, across the suite's test JVMs, in the network namespace tests (package
 * org.kttcp4j.netns, or tagged "netns"): Surefire runs the suite in two JVMs at once (modules/cli/pom.xml), and
 * these classes make namespaces, veths, bridges and sshds under fixed names (ci/netns.sh), which a second lab at
 * the same moment would collide with. Registered for every class by JUnit's extension auto-detection
 * (src/test/resources/META-INF/services, junit-platform.properties), so it runs before the class's own extensions
 * bring a lab up; the lock is an exclusive lock on one file in the temporary directory, held until the class is
 * done (JUnit closes the store's resource after the class's last callback).
 */
public final class NetnsLock implements BeforeAllCallback {
    /** How long a class waits for another JVM's class to finish: longer than the longest netns class here. */
    static final Duration WAIT = Duration.ofMinutes(10);
    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "kttcp4j-netns-tests.lock");

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> c = context.getRequiredTestClass();
        boolean netns = c.getPackageName().equals("org.kttcp4j.netns") || context.getTags().contains("netns");
        if (!netns || c.isMemberClass()) {
            return;
        }
        context.getStore(ExtensionContext.Namespace.create(NetnsLock.class)).put("lock", acquire(c.getSimpleName()));
    }

    private static Held acquire(String who) throws IOException, InterruptedException {
        FileChannel ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // this JVM holds it already (a class nested in a netns class): wait like any other
                }
                if (l != null) {
                    return new Held(ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(who + ": another test JVM held " + FILE + " for " + WAIT.toMinutes()
                            + " min: a netns test hangs in the other fork (look for its namespaces with `ip netns`)");
                }
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private record Held(FileChannel channel, FileLock lock) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
