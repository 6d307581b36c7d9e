package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kttcp4j.testing.CliProcess;

/**
 * kttcp4j against the C kttcp tool (pkgsrc benchmarks/kttcp, which vagrant/provision installs), both with the
 * kttcp engine: our -t to its -r and its -t to our -r; each side's lines have the same shape and the same count.
 */
@Tag("netbsd")
@EnabledIfSystemProperty(named = "os.name", matches = "NetBSD", disabledReason = "needs NetBSD with kttcp (run: ci/netbsd-vm.sh)")
class CToolInteropNetBsdTest {
    static Path cTool() {
        Path p = CliProcess.which("kttcp");
        assertNotNull(p, "the C kttcp tool is not on PATH: pkgin install kttcp (vagrant/provision/packages.sh)");
        return p;
    }

    /** Each line of ours matches the pattern the C tool's line at the same place matches. */
    static void sameShape(List<String> theirs, List<String> ours) {
        assertEquals(theirs.size(), ours.size(), "C tool:\n" + theirs + "\nkttcp4j:\n" + ours);
        for (int i = 0; i < theirs.size(); i++) {
            String pattern = theirs.get(i).replaceAll("[0-9]+", "0").replaceAll("[0-9.e+]+", "N");
            String mine = ours.get(i).replaceAll("[0-9]+", "0").replaceAll("[0-9.e+]+", "N");
            assertEquals(pattern, mine, "line " + (i + 1));
        }
    }

    @Test
    void ourTransmitterToTheirReceiver() {
        int port = CliProcess.freePort();
        try (CliProcess theirs = CliProcess.start(List.of(cTool().toString(), "-r", "-4", "-p", Integer.toString(port)), null)) {
            theirs.awaitOutput("listening on port", 20);
            try (CliProcess ours = CliProcess.kttcp4j("-t", "-4", "-n", "50m", "-p", Integer.toString(port), "127.0.0.1")) {
                assertEquals(0, ours.waitFor(120), ours.stderr());
                assertEquals(0, theirs.waitFor(120), theirs.stderr());
                List<String> ourLines = ours.stdout().lines().toList();
                assertEquals("kttcp: 52428800 bytes", ourLines.get(2).substring(0, 21));
                List<String> theirLines = theirs.stdout().lines().toList();
                assertEquals("kttcp: 52428800 bytes", theirLines.get(3).substring(0, 21));
            }
        }
    }

    @Test
    void theirTransmitterToOurReceiverPrintsWhatTheirReceiverWould() {
        int port = CliProcess.freePort();
        List<String> ourLines;
        try (CliProcess ours = CliProcess.kttcp4j("-r", "-4", "-p", Integer.toString(port))) {
            ours.awaitOutput("listening on port", 20);
            try (CliProcess theirs = CliProcess.start(List.of(cTool().toString(), "-t", "-4", "-n", "50m", "-p",
                    Integer.toString(port), "127.0.0.1"), null)) {
                assertEquals(0, theirs.waitFor(120), theirs.stderr());
            }
            assertEquals(0, ours.waitFor(120), ours.stderr());
            ourLines = ours.stdout().lines().toList();
        }
        port = CliProcess.freePort();
        try (CliProcess theirRx = CliProcess.start(List.of(cTool().toString(), "-r", "-4", "-p", Integer.toString(port)), null)) {
            theirRx.awaitOutput("listening on port", 20);
            try (CliProcess theirTx = CliProcess.start(List.of(cTool().toString(), "-t", "-4", "-n", "50m", "-p",
                    Integer.toString(port), "127.0.0.1"), null)) {
                assertEquals(0, theirTx.waitFor(120), theirTx.stderr());
            }
            assertEquals(0, theirRx.waitFor(120), theirRx.stderr());
            sameShape(theirRx.stdout().lines().toList(), ourLines);
        }
    }
}
