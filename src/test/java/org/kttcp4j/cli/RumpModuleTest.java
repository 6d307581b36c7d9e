package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.TwoRumpKernels;

/**
 * The kttcp module's own lifecycle in a NetBSD rump kernel, whose librumpdev_kttcp is kttcp4j's loadable module
 * glue (native/module/kttcp_module.c): rump_init ran its INIT (the device opens, kttcp moves bytes: the other rump
 * tests), and here its FINI refuses while /dev/kttcp is open (EBUSY), detaches once it is closed (ENXIO), and a
 * forced load runs INIT again (native/rump/modcheck.c, the module system's modctl calls). Then kttcp4j still
 * moves bytes through the reloaded device.
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel built by native/rump/build.sh")
class RumpModuleTest {
    @TempDir
    Path state;

    @Test
    void theModuleRefusesToUnloadWhileOpenUnloadsWhenClosedAndLoadsAgain() throws Exception {
        Path check = Path.of(System.getenv("KTTCP4J_RUMP_DIR"), "bin", "kttcp4j-rumpmodcheck");
        assertTrue(Files.isExecutable(check), check + " is missing: rebuild with native/rump/build.sh");
        try (TwoRumpKernels k = TwoRumpKernels.start(state.resolve("pair"))) {
            try (CliProcess p = CliProcess.start(List.of("env", "RUMP_SERVER=" + k.urlA(), check.toString()), null)) {
                assertEquals(0, p.waitFor(60), p.stdout() + p.stderr());
                assertEquals("unload while /dev/kttcp is open: EBUSY\nunload once closed: ok\nopen after unload: ENXIO\n"
                        + "load again: ok\nopen after the load: ok\n", p.stdout());
            }
            // the reloaded module serves kttcp runs: kernel B sends to kernel A's kttcp receiver
            String port = "24200";
            try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", k.kernelA(), "--engine", "kttcp", "--port",
                    port, "-4")) {
                rx.awaitOutput("listening on", 60);
                try (CliProcess tx = CliProcess.kttcp4j("send", k.addrA(), "--kernel", k.kernelB(), "--engine", "kttcp",
                        "--port", port, "-4", "--bytes", "4m")) {
                    assertEquals(0, tx.waitFor(120), tx.stderr());
                    assertEquals(0, rx.waitFor(60), rx.stderr());
                }
            }
        }
    }
}
