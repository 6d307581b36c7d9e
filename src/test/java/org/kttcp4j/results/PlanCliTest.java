package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;

/**
 * `report` and `compare` of a plan's directory, as ansible/plan.yml leaves it (docs/many-hosts.md), without root
 * or Ansible: plan.json from `kttcp4j plan`, runs.json as the playbook writes it, and each pair's files made of one
 * real send/recv run over 127.0.0.1. Three hosts: a -> b and b -> a ran, c is down, and one pair's sender failed.
 */
class PlanCliTest {
    @TempDir
    static Path dir;
    static Path plan;
    static JsonNode recv;

    @BeforeAll
    static void makePlan() throws IOException {
        recv = Fixtures.read(Fixtures.kttcp4jReceiver(dir, "one.recv.json"));
        plan = plan("plan-1", 1.0);
    }

    /** A plan of a, b, c: c down; a -> b and b -> a ok, at factor times the real run's Gbit/s for a -> b. */
    static Path plan(String name, double factor) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name).resolve("results"));
        try (CliProcess p = CliProcess.kttcp4j("plan", "--hosts", "a,b,c")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            Files.writeString(d.getParent().resolve("plan.json"), p.stdout());
        }
        Fixtures.write(d.resolve("a--b.recv.json"), Fixtures.scaled(recv, "bits_per_second", factor));
        Fixtures.write(d.resolve("b--a.recv.json"), recv);
        ObjectNode runs = Fixtures.MAPPER.createObjectNode();
        ArrayNode hosts = runs.putArray("hosts");
        ObjectNode a = host(hosts, "a", null);
        ObjectNode b = host(hosts, "b", null);
        host(hosts, "c", "c unreachable: ssh: connect to host 198.18.8.3 port 22: Connection refused");
        end((ArrayNode) a.get("runs"), "a--b", "send", 0, "");
        end((ArrayNode) b.get("runs"), "a--b", "recv", 0, "kttcp4j: listening on :: port 22222, engine user");
        end((ArrayNode) b.get("runs"), "b--a", "send", 0, "");
        end((ArrayNode) a.get("runs"), "b--a", "recv", 0, "");
        Fixtures.write(d.getParent().resolve("runs.json"), runs);
        return d.getParent();
    }

    static ObjectNode host(ArrayNode hosts, String name, String down) {
        ObjectNode h = hosts.addObject();
        h.put("host", name);
        h.put("down", down);
        h.putObject("facts").put("interface", "eth0").put("driver", "veth").put("mtu", "1500");
        h.putArray("runs");
        return h;
    }

    static void end(ArrayNode runs, String stem, String role, int rc, String stderr) {
        runs.addObject().put("stem", stem).put("role", role).put("rc", rc).put("stderr", stderr)
                .put("start", "2026-12-02 00:00:01.000000").put("end", "2026-12-02 00:00:03.500000").put("skipped", "");
    }

    @Test
    void reportDrawsTheMatrixWritesATestcasePerPairAndExitsTwoNamingTheFailedPairs() throws IOException {
        Path html = dir.resolve("m.html");
        Path xml = dir.resolve("p.xml");
        try (CliProcess p = CliProcess.kttcp4j("report", plan.toString(), "-o", html.toString(), "--junit", xml.toString())) {
            assertEquals(2, p.waitFor(60), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("plan of 3 hosts, 6 pairs in 6 rounds: 2 ok, 4 failed"), p.stdout());
            // every pair of c, with c's reason
            assertEquals(4, p.stdout().lines().filter(l -> l.startsWith("FAILED ") && l.contains("c unreachable")).count(),
                    p.stdout());
        }
        String junit = Files.readString(xml);
        assertEquals(6, ManyCount.of(junit, "<testcase "), junit);
        assertEquals(4, ManyCount.of(junit, "<failure "), junit);
        assertTrue(junit.contains("name=\"a -&gt; b\"") || junit.contains("name=\"a -> b\""), junit);
        assertTrue(junit.contains("time=\"2.500\""), "the sender's wall time: " + junit);
        String page = Files.readString(html);
        assertTrue(page.contains("\"matrix\":{"), "the page carries the matrix");
        assertTrue(page.contains("Matrix: Gbit/s, sender to receiver"), "matrix.js is inlined");
        assertTrue(!page.contains("\"comparisons\":"), "a plan's pairs are not a baseline and new runs: no comparisons");
    }

    @Test
    void compareOfTwoPlansNamesThePairThatRegressed() throws IOException {
        Path slower = plan("plan-2", 0.5);
        try (CliProcess p = CliProcess.kttcp4j("compare", plan.toString(), slower.toString())) {
            assertEquals(3, p.waitFor(60), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("REGRESSION: a -> b: Gbit/s"), p.stdout());
            assertTrue(!p.stdout().contains("REGRESSION: b -> a"), p.stdout());
            assertTrue(p.stdout().contains("note: a -> c: failed in the baseline"), p.stdout());
        }
        try (CliProcess p = CliProcess.kttcp4j("compare", plan.toString(), plan.toString())) {
            assertEquals(0, p.waitFor(60), p.stdout() + p.stderr());
            assertTrue(p.stdout().contains("no regression"), p.stdout());
        }
    }

    @Test
    void junitWithResultFilesInsteadOfAPlanIsBadUsage() {
        try (CliProcess p = CliProcess.kttcp4j("report", dir.resolve("one.recv.json").toString(), "-o",
                dir.resolve("x.html").toString(), "--junit", dir.resolve("x.xml").toString())) {
            assertEquals(1, p.waitFor(60));
            assertTrue(p.stderr().contains("--junit needs a plan's directory"), p.stderr());
        }
    }

    /** Occurrences of a string. */
    static final class ManyCount {
        static int of(String text, String what) {
            int n = 0;
            for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
                n++;
            }
            return n;
        }
    }
}
