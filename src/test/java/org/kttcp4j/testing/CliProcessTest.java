package org.kttcp4j.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CliProcessTest {
    @Test
    void closeStopsTheProcessAndWhatItStarted() {
        // a shell that starts a grandchild and waits for it, as script(1) runs its command
        CliProcess p = CliProcess.start(List.of("sh", "-c", "sleep 300 & echo child $!; wait"), null);
        long child;
        try {
            p.awaitOutput("child ", 10);
            child = Long.parseLong(p.stdout().trim().split(" ")[1]);
            assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the grandchild runs");
        } finally {
            p.close();
        }
        assertFalse(p.alive(), "the shell is stopped");
        Optional<ProcessHandle> h = ProcessHandle.of(child);
        assertFalse(h.isPresent() && h.get().isAlive(), "the process it started is stopped too");
    }
}
