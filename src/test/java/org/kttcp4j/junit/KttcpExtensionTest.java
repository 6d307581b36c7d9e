package org.kttcp4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.kttcp4j.results.ResultFile;
import org.kttcp4j.run.Results;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.FakeNetBsdKernel;

/**
 * The JUnit extension as a test suite meets it: sample test classes run through JUnit's own launcher, each with
 * real loopback runs (the receiver in a child JVM), a real `kttcp4j recv --serve` as the remote peer, and what
 * JUnit reports of them: passed, failed with the message, skipped with the reason, the report entries.
 */
class KttcpExtensionTest {
    /** What JUnit reported of one launch, by method name. */
    static final class Seen implements TestExecutionListener {
        final Map<String, TestExecutionResult> finished = new ConcurrentHashMap<>();
        final Map<String, String> skipped = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                finished.put(name(id), result);
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            skipped.put(name(id), reason);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entries.computeIfAbsent(name(id), k -> new ConcurrentHashMap<>()).putAll(entry.getKeyValuePairs());
        }

        String failure(String method) {
            TestExecutionResult r = finished.get(method);
            assertTrue(r != null && r.getStatus() == TestExecutionResult.Status.FAILED, method + ": " + r);
            return r.getThrowable().orElseThrow().getMessage();
        }

        void passed(String method) {
            TestExecutionResult r = finished.get(method);
            assertTrue(r != null && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL, method + ": " + r
                    + (r == null ? "" : r.getThrowable().map(Throwable::toString).orElse("")));
        }

        private static String name(TestIdentifier id) {
            String s = id.getLegacyReportingName();
            return s.endsWith(")") ? s.substring(0, s.indexOf('(')) : s;
        }
    }

    /** Runs the selected samples with these system properties set (and cleared after). */
    static Seen launch(Map<String, String> properties, DiscoverySelector... selectors) {
        Seen seen = new Seen();
        System.setProperty("kttcp4j.samples", "on");
        properties.forEach(System::setProperty);
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                    seen);
        } finally {
            System.clearProperty("kttcp4j.samples");
            properties.keySet().forEach(System::clearProperty);
        }
        return seen;
    }

    @EnabledIfSystemProperty(named = "kttcp4j.samples", matches = "on")
    static class Floors {
        @KttcpTest(engine = "nio", timeMillis = 200, repeat = 2, gbitsAtLeast = 0.001)
        void meets(Measurement m, Results r) {
            assertEquals(2, r.count());
            assertTrue(m.gbits() >= 0.001, m.settings());
        }

        @KttcpTest(engine = "nio", timeMillis = 200, gbitsAtLeast = 100_000)
        void misses() {
            throw new AssertionError("the body runs only when the floor is met");
        }
    }

    @Test
    @Timeout(180)
    void aFloorMetPassesAndAFloorMissedFailsWithTheFigureTheThresholdAndTheSettings(@TempDir Path dir) throws Exception {
        Seen seen = launch(Map.of("kttcp4j.results", dir.toString()), selectClass(Floors.class));
        seen.passed("meets");
        String message = seen.failure("misses");
        assertTrue(message.matches("Floors\\.misses: expected at least 100000\\.000 Gbit/s, measured [0-9.]+ \\(-[0-9.]+"
                + " %\\) \\[loopback \\(receiver in a child JVM\\), engine nio, 200 ms per run, 1 run, 1 stream; each run:"
                + " [0-9.]+ Gbit/s; -Dkttcp4j\\.gbitsAtLeast=N overrides; JSON: .*misses\\.json\\]"), message);

        // every figure published as a report entry (Surefire's XML, the IDE), the JSON where the entry says
        Map<String, String> e = seen.entries.get("meets");
        assertTrue(Double.parseDouble(e.get("kttcp4j.gbits")) >= 0.001, e.toString());
        assertTrue(e.get("kttcp4j.settings").contains("2 runs"), e.toString());
        assertEquals(2, e.get("kttcp4j.runs").split(",").length, e.toString());
        Path json = Path.of(e.get("kttcp4j.json"));
        assertEquals(dir.resolve(Floors.class.getName()).resolve("meets.json"), json);
        // the document compare and report read: both runs, the Gbit/s the entry gave as their median
        ResultFile file = ResultFile.read(json);
        assertEquals(2, file.runs().size(), Files.readString(json));
        // `kttcp4j report` charts the suite's runs: the floor that was met and the one that was missed
        try (CliProcess report = CliProcess.kttcp4j("report", json.toString(), json.resolveSibling("misses.json")
                .toString(), "-o", dir.resolve("suite.html").toString())) {
            assertEquals(0, report.waitFor(60), report.stdout() + report.stderr());
        }
        assertTrue(Files.size(dir.resolve("suite.html")) > 10_000);
    }

    @Test
    @Timeout(120)
    void aSystemPropertyLowersOneTestsFloorAndABadOneNamesItself(@TempDir Path dir) {
        Seen seen = launch(Map.of("kttcp4j.results", dir.toString(), "kttcp4j.Floors.misses.gbitsAtLeast", "0.001"),
                selectMethod(Floors.class, "misses"));
        assertTrue(seen.failure("misses").contains("the body runs only when the floor is met"),
                "the floor, lowered, was met and the body ran");

        Seen bad = launch(Map.of("kttcp4j.gbitsAtLeast", "fast"), selectMethod(Floors.class, "misses"));
        String message = bad.failure("misses");
        assertTrue(message.contains("-Dkttcp4j.gbitsAtLeast=fast is not a number: give Gbit/s, e.g. 0.5"), message);
    }

    @EnabledIfSystemProperty(named = "kttcp4j.samples", matches = "on")
    static class Elsewhere {
        @KttcpTest(engine = "nio", peer = Peer.REMOTE, timeMillis = 200, gbitsAtLeast = 0.001)
        void remote(Measurement m) {
            assertTrue(m.settings().startsWith("send to 127.0.0.1:"), m.settings());
        }

        @KttcpTest(engine = "kttcp", timeMillis = 200)
        void kttcp() {}
    }

    @Test
    @Timeout(60)
    @EnabledOnOs(OS.LINUX)
    void withoutAPeerOrADeviceTheTestIsSkippedWithWhatToDo() {
        Assumptions.assumeTrue(System.getenv("KTTCP4J_PEER_HOST") == null, "KTTCP4J_PEER_HOST is set here");
        Seen seen = launch(Map.of(), selectClass(Elsewhere.class));
        assertTrue(seen.skipped.get("remote").startsWith("no peer configured: start `kttcp4j recv --serve` on the"
                + " other host and name it with -Dkttcp4j.peer.host=HOST"), seen.skipped.toString());
        assertTrue(seen.skipped.get("kttcp").startsWith("the kttcp engine needs NetBSD's kttcp(4) device, /dev/kttcp,"
                + " and this is Linux"), seen.skipped.toString());
        assertTrue(seen.finished.isEmpty(), seen.finished.toString());
    }

    /** On NetBSD (its system calls faked): kttcp without its driver or its node is skipped with the fix. */
    @Test
    void onNetBsdWithoutTheKttcpDriverTheSkipSaysHowToLoadIt() {
        String noDriver = Settings.missing("kttcp", new FakeNetBsdKernel().openFails("ENXIO").kernel()).orElseThrow();
        assertTrue(noDriver.startsWith("no usable /dev/kttcp: ") && noDriver.contains("modload kttcp"), noDriver);
        String noNode = Settings.missing("kttcp", new FakeNetBsdKernel().openFails("ENOENT").kernel()).orElseThrow();
        assertTrue(noNode.contains("sh MAKEDEV kttcp"), noNode);
        assertEquals(java.util.Optional.empty(), Settings.missing("kttcp", new FakeNetBsdKernel().kernel()));
        assertTrue(Settings.missing("splice", new FakeNetBsdKernel().kernel()).orElseThrow()
                .startsWith("the splice engine is Linux's (splice(2), sendfile(2)) and this is NetBSD"));
        assertEquals(java.util.Optional.empty(), Settings.missing("nio", new FakeNetBsdKernel().kernel()));
    }

    @Test
    @Timeout(120)
    void aRemotePeerNamedByPropertiesIsARecvServe(@TempDir Path dir) {
        int port = CliProcess.freePort();
        try (CliProcess server = CliProcess.kttcp4j("recv", "--serve", "-e", "nio", "-4", "--port",
                Integer.toString(port), "--idle-timeout", "20s", "--max-time", "60s")) {
            server.awaitOutput("listening on", 30);
            Seen seen = launch(Map.of("kttcp4j.results", dir.toString(), "kttcp4j.peer.host", "127.0.0.1",
                    "kttcp4j.peer.port", Integer.toString(port)), selectMethod(Elsewhere.class, "remote", Measurement.class.getName()));
            seen.passed("remote");
            server.awaitOutput("receiver", 30);
            assertTrue(Double.parseDouble(seen.entries.get("remote").get("kttcp4j.gbits")) > 0);
            assertTrue(List.of(server.stdout().split("\n")).stream().anyMatch(l -> l.startsWith("receiver")),
                    server.stdout());
        }
    }

    /** The README's JUnit example is examples/loopback-floor's test, line for line, so it cannot rot. */
    @Test
    void theReadmesTestIsTheExamplesTest() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### Using kttcp4j from Java");
        int from = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(from, readme.indexOf("```", from));
        String example = Files.readString(Path.of("examples/loopback-floor/src/test/java/org/example/nic/"
                + "LoopbackFloorTest.java"));
        assertTrue(section > 0 && block.startsWith("class LoopbackFloorTest {"), block);
        assertTrue(example.contains(block), "README's block is in the example:\n" + block);
        // the version the README's dependency block and the example ask for is the one built
        String version = KttcpExtension.version();
        assertTrue(readme.contains("<artifactId>kttcp4j-junit</artifactId>\n  <version>" + version + "</version>"),
                version);
        assertTrue(Files.readString(Path.of("examples/loopback-floor/pom.xml"))
                .contains("<kttcp4j.version>" + version + "</kttcp4j.version>"), version);
    }
}
