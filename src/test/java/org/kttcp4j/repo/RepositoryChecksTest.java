package org.kttcp4j.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/**
 * What can be checked of vagrant/, ci/ and native/ without a hypervisor: ci/check-static.sh runs shellcheck on
 * every script, `vagrant validate`, and native/ with GNU make and bmake. .ci/run installs the tools; where they
 * are missing this shows as skipped.
 */
class RepositoryChecksTest {
    @Test
    void scriptsVagrantfileAndNativeMakefilePassTheirCheckers() {
        Assumptions.assumeTrue(CliProcess.which("shellcheck") != null, "shellcheck is not installed");
        Assumptions.assumeTrue(CliProcess.which("vagrant") != null, "vagrant is not installed");
        try (CliProcess p = CliProcess.start(List.of("bash", "ci/check-static.sh"), null)) {
            assertEquals(0, p.waitFor(300), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("shellcheck: ok"), p.stdout());
            assertTrue(p.stdout().contains("Vagrantfile validated successfully"), p.stdout());
            assertTrue(p.stdout().contains("native: builds and runs with make"), p.stdout());
        }
    }
}
