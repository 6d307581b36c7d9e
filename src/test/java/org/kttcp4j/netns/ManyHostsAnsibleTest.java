package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kttcp4j.results.Browser;
import org.kttcp4j.results.PlanReport;
import org.kttcp4j.testing.Json;

/**
 * ansible/plan.yml for real (issue #19): four hosts (network namespaces on a bridge, each running Debian's sshd
 * with a key this test makes), ansible-core from Debian reaching them over ssh from a fifth namespace, the user
 * engine and --time 1s. Every ordered pair has its result; the times each host recorded show it in one run at a
 * time and the two pairs of a round at the same time; with one host's sshd stopped its pairs fail with the reason
 * and the others complete; the matrix page opens in headless Chromium without a console message.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyHostsAnsibleTest {
    static final int PLAY_SECONDS = 240;
    SshLab lab;
    String unavailable;
    Path dir;
    Path jar;

    @BeforeAll
    void up() throws IOException {
        unavailable = SshLab.unavailable();
        if (unavailable != null) {
            return;
        }
        dir = Files.createTempDirectory("kttcp4j-hosts");
        jar = classPathJar(dir.resolve("kttcp4j.jar"));
        lab = new SshLab(dir, 4);
    }

    @AfterAll
    void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
        if (dir != null) {
            // the keys, the hosts' directories and the plans' results
            try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * A jar of nothing but a manifest: Main-Class and this test's class path (target/classes and the dependencies'
     * jars), which every namespace sees, since they share the file system. The role copies it and the launcher as
     * it copies the real jar (mvn package comes after the tests).
     */
    static Path classPathJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.kttcp4j.cli.Main");
        List<String> urls = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(e).toAbsolutePath().toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    void assumeLab() {
        assumeTrue(unavailable == null, unavailable);
    }

    NetnsLab.Result play(Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-i", lab.inventory().toString(), "ansible/plan.yml",
                "-e", "kttcp4j_engine=user", "-e", "kttcp4j_time=1s", "-e", "kttcp4j_connect_timeout=5s",
                "-e", "kttcp4j_run_timeout=60", "-e", "kttcp4j_install_packages=false",
                "-e", "kttcp4j_java_home=" + System.getProperty("java.home"),
                "-e", "kttcp4j_jar=" + jar, "-e", "kttcp4j_out=" + out));
        for (String e : extra) {
            args.addAll(List.of("-e", e));
        }
        try {
            return lab.playbook(PLAY_SECONDS, args);
        } finally {
            lab.stopControllerProcesses();
        }
    }

    /** Each host's runs of a plan, from runs.json. */
    static Map<String, List<JsonNode>> runs(Path out) {
        Map<String, List<JsonNode>> m = new HashMap<>();
        for (JsonNode h : Json.parse(out.resolve("runs.json")).at("/hosts")) {
            List<JsonNode> list = new ArrayList<>();
            h.at("/runs").forEach(list::add);
            m.put(h.at("/host").asText(), list);
        }
        return m;
    }

    record Span(String what, LocalDateTime start, LocalDateTime end) {
        boolean overlaps(Span o) {
            return start.isBefore(o.end) && o.start.isBefore(end);
        }
    }

    static Span span(JsonNode run) {
        LocalDateTime s = PlanReport.time(run.at("/start").asText(null));
        LocalDateTime e = PlanReport.time(run.at("/end").asText(null));
        assertNotNull(s, "no start time: " + run);
        assertNotNull(e, "no end time: " + run);
        return new Span(run.at("/host").asText() + " " + run.at("/role").asText() + " " + run.at("/stem").asText(), s, e);
    }

    @Test
    @Order(1)
    void everyOrderedPairOfFourHostsRunsRoundByRoundWithNoHostInTwoRunsAtOnce() throws IOException {
        assumeLab();
        Path out = dir.resolve("plan-all");
        NetnsLab.Result r = play(out);
        assertEquals(0, r.status(), r.out() + r.err());
        JsonNode plan = Json.parse(out.resolve("plan.json"));
        assertEquals(12, plan.at("/pairs").asInt());
        for (JsonNode round : plan.at("/rounds")) {
            for (JsonNode p : round.at("/pairs")) {
                String stem = p.at("/stem").asText();
                JsonNode rx = Json.parse(out.resolve("results").resolve(stem + ".recv.json"));
                JsonNode tx = Json.parse(out.resolve("results").resolve(stem + ".send.json"));
                assertTrue(rx.at("/end/sum_received/bytes").asLong() > 0, stem + ": " + rx);
                assertEquals(tx.at("/end/sum_sent/bytes").asLong(), rx.at("/end/sum_received/bytes").asLong(), stem);
                assertEquals("user", rx.at("/end/kttcp4j/0/engine").asText());
                // the bytes crossed the bridge from the sender's address
                assertEquals(lab.address(p.at("/sender").asText()), rx.at("/start/connected/0/remote_host").asText(), stem);
            }
        }
        Map<String, List<JsonNode>> runs = runs(out);
        // every host: its runs one after another, never two at once
        for (Map.Entry<String, List<JsonNode>> h : runs.entrySet()) {
            List<Span> spans = h.getValue().stream().map(ManyHostsAnsibleTest::span).toList();
            assertEquals(6, spans.size(), h.getKey() + " is in 6 pairs (3 as sender, 3 as receiver): " + spans);
            for (int i = 0; i < spans.size(); i++) {
                for (int j = i + 1; j < spans.size(); j++) {
                    assertFalse(spans.get(i).overlaps(spans.get(j)), h.getKey() + " ran two at once: " + spans.get(i)
                            + " and " + spans.get(j));
                }
            }
        }
        // every round: its two pairs at once (each receiver listens from the round's start to its sender's end)
        for (JsonNode round : plan.at("/rounds")) {
            List<Span> receivers = new ArrayList<>();
            for (JsonNode p : round.at("/pairs")) {
                runs.get(p.at("/receiver").asText()).stream()
                        .filter(x -> x.at("/stem").asText().equals(p.at("/stem").asText()) && x.at("/role").asText().equals("recv"))
                        .map(ManyHostsAnsibleTest::span).forEach(receivers::add);
            }
            assertEquals(2, receivers.size(), round.toString());
            assertTrue(receivers.get(0).overlaps(receivers.get(1)), "round " + round.at("/round") + "'s pairs ran one "
                    + "after the other: " + receivers);
        }
        // each host's interface, from Ansible's facts
        for (JsonNode h : Json.parse(out.resolve("runs.json")).at("/hosts")) {
            assertEquals("eth0", h.at("/facts/interface").asText(), h.toString());
            // a veth has no driver module for Ansible's facts to name; it does report a speed
            assertEquals("10000", h.at("/facts/speed_mbit").asText(), h.toString());
            assertEquals("1500", h.at("/facts/mtu").asText(), h.toString());
            assertTrue(h.at("/facts/kernel").asText().startsWith("Linux "), h.toString());
        }
        String junit = Files.readString(out.resolve("plan.xml"));
        assertEquals(12, count(junit, "<testcase "), junit);
        assertTrue(junit.contains("failures=\"0\""), junit);
        matrixInTheBrowser(out, 12, 0);
    }

    @Test
    @Order(2)
    void aHostWhoseSshdIsStoppedFailsItsPairsWithTheReasonAndTheOthersComplete() throws IOException {
        assumeLab();
        lab.stopSshd("h2");
        Path out = dir.resolve("plan-h2-down");
        // the pairs of h2 with h1, and of h3 with h4: two rounds of two pairs
        NetnsLab.Result r = play(out, "kttcp4j_pairs=h1:h2,h2:h1,h3:h4,h4:h3");
        assertNotEquals(0, r.status(), r.out());
        String last = r.out().substring(r.out().lastIndexOf("TASK [Failed pairs"));
        assertTrue(last.contains("FAILED h1 -> h2: h2 unreachable") && last.contains("FAILED h2 -> h1: h2 unreachable"),
                "the play's last lines name the failed pairs and why: " + last);
        // the reason is ssh's, as Ansible passes it on: "Connection refused" for a new connection, "Broken pipe"
        // when Ansible's persistent connection to h2 (ControlPersist) was still open as sshd went (seen in CI)
        assertTrue(Pattern.compile("h2 unreachable: [^;]*(Connection refused|Broken pipe|Connection reset|Connection "
                + "closed)").matcher(last).find(), "the reason is ssh's: " + last);
        assertFalse(last.contains("h3 -> h4") || last.contains("h4 -> h3"), last);
        for (String stem : List.of("h3--h4", "h4--h3")) {
            JsonNode rx = Json.parse(out.resolve("results").resolve(stem + ".recv.json"));
            assertTrue(rx.at("/end/sum_received/bytes").asLong() > 0, stem + ": " + rx);
        }
        String junit = Files.readString(out.resolve("plan.xml"));
        assertEquals(4, count(junit, "<testcase "), junit);
        assertEquals(2, count(junit, "<failure "), junit);
        matrixInTheBrowser(out, 4, 2);
    }

    /** The matrix page: no console message, a cell per pair, the failed ones marked. */
    void matrixInTheBrowser(Path out, int cells, int failed) throws IOException {
        Browser browser = Browser.find();
        assumeTrue(browser != null, "chromium-headless-shell not found: apt-get install chromium-headless-shell");
        Browser.Result r = browser.dumpDom(out.resolve("matrix.html"), dir.resolve("profile"));
        assertEquals(List.of(), r.consoleLines(), "the page logged to the console");
        assertEquals(cells, count(r.stdout(), "class=\"cell "), r.stdout());
        assertEquals(failed, count(r.stdout(), "data-status=\"failed\""));
        assertEquals(failed, count(r.stdout(), "<div class=\"reason\">FAILED: "), "each failed cell says why");
    }

    static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
