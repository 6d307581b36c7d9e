package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kttcp4j.report.ReportFixture.play;
import static org.kttcp4j.report.ReportFixture.single;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.RunResult;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.kttcp4j.report.Thresholds;
import org.kttcp4j.report.ReportFixture;

/**
 * --junit FILE in process, read back with the JDK's DOM parser as a CI system reads it: one testsuite with its
 * counts and properties, one testcase per run (per size of a series, judged by its medians), a missed threshold
 * as failure with the figures, a failed run as error, a stopped one as skipped, the text report as system-out.
 */
class JUnitReporterTest {
    @TempDir
    Path dir;

    /** The file JUnitReporter writes for results, parsed. */
    Element suite(Results results, Thresholds thresholds) throws Exception {
        Path file = dir.resolve("junit.xml");
        play(new JUnitReporter(file, thresholds, "kttcp4j test"), results);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    static List<Element> children(Element e, String name) {
        List<Element> found = new ArrayList<>();
        NodeList n = e.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i) instanceof Element c && c.getTagName().equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        assertEquals(1, c.size(), "one <" + name + "> in <" + e.getTagName() + ">");
        return c.get(0);
    }

    static Map<String, String> properties(Element suite) {
        Map<String, String> p = new LinkedHashMap<>();
        for (Element e : children(child(suite, "properties"), "property")) {
            p.put(e.getAttribute("name"), e.getAttribute("value"));
        }
        return p;
    }

    /** The testcase's one child besides system-out (failure, error, skipped), or null. */
    static Element verdict(Element testcase) {
        Element v = null;
        NodeList n = testcase.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i).getNodeType() == Node.ELEMENT_NODE && !((Element) n.item(i)).getTagName().equals("system-out")) {
                assertEquals(null, v, "one verdict per testcase");
                v = (Element) n.item(i);
            }
        }
        return v;
    }

    static String text(RunResult r) {
        return String.join("\n", ReportFixture.text(single(r))) + "\n";
    }

    @Test
    void aRunThatMissesAThresholdIsAFailureWithTheFigures() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RunResult r = ReportFixture.loopbackOneStream();
        Element suite = suite(single(r), new Thresholds(100.0, null));
        Instant after = Instant.now();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("kttcp4j loopback", suite.getAttribute("name"));
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("skipped"));
        assertEquals("0.500", suite.getAttribute("time"), "the run's wall time");
        Instant stamp = LocalDateTime.parse(suite.getAttribute("timestamp")).toInstant(ZoneOffset.UTC);
        assertTrue(!stamp.isBefore(before) && !stamp.isAfter(after), "when the run started: " + stamp);
        assertEquals(Map.of("version", "kttcp4j test", "mode", "loopback", "engine", "user", "receiver_engine", "user",
                "kernel", "host", "expect_gbits", "100"), properties(suite));
        Element c = child(suite, "testcase");
        assertEquals("loopback user sockbuf default", c.getAttribute("name"));
        assertEquals("kttcp4j.loopback.host", c.getAttribute("classname"));
        assertEquals("0.500", c.getAttribute("time"));
        Element f = verdict(c);
        assertEquals("failure", f.getTagName());
        assertEquals("threshold", f.getAttribute("type"));
        // 17.179869184 Gbit/s against 100: -82.8 %; CPU 0.5 s per 1.073741824 GB = 0.466 s/GB, 100 % of 0.5 s
        String missed = "expected at least 100.000 Gbit/s, measured 17.180 (-82.8 %)";
        String figures = "Gbit/s 17.180, CPU s/GB 0.466, CPU 100.000 % (both ends)";
        assertEquals(missed + "; " + figures, f.getAttribute("message"));
        assertEquals(missed + "\n" + figures, f.getTextContent());
        assertEquals(text(r), child(c, "system-out").getTextContent(), "the text report of the run");
    }

    @Test
    void aRunThatMeetsItsThresholdsPasses() throws Exception {
        Element suite = suite(single(ReportFixture.loopbackOneStream()), new Thresholds(17.0, 0.5));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(null, verdict(child(suite, "testcase")));
        assertEquals("0.5", properties(suite).get("expect_cpu_per_gb"));
    }

    @Test
    void aFailedRunIsAnErrorNamingTheEndAndWhy() throws Exception {
        Element suite = suite(single(ReportFixture.receivePartialWithError()), new Thresholds(0.001, null));
        assertEquals("kttcp4j recv", suite.getAttribute("name"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("failures"), "a failed run is not judged by thresholds");
        assertEquals(null, properties(suite).get("receiver_engine"), "loopback's only");
        Element c = child(suite, "testcase");
        assertEquals("recv user sockbuf default", c.getAttribute("name"));
        assertEquals("kttcp4j.recv.host", c.getAttribute("classname"));
        Element e = verdict(c);
        assertEquals("error", e.getTagName());
        assertEquals("run failed", e.getAttribute("type"));
        assertEquals("receiver failed: " + ReportFixture.RESET, e.getAttribute("message"));
        assertEquals("receiver failed: " + ReportFixture.RESET, e.getTextContent());
    }

    @Test
    void aStoppedRunIsSkippedWithTheSignal() throws Exception {
        Element suite = suite(ReportFixture.sendStoppedBySigint(), Thresholds.NONE);
        assertEquals("1", suite.getAttribute("skipped"));
        Element s = verdict(child(suite, "testcase"));
        assertEquals("skipped", s.getTagName());
        assertEquals("stopped by SIGINT", s.getAttribute("message"));
    }

    @Test
    void aSeriesIsOneTestcasePerSizeJudgedByItsMedians() throws Exception {
        Results sweep = ReportFixture.loopbackSweep();
        Element suite = suite(sweep, new Thresholds(5.75, null));
        List<Element> cases = children(suite, "testcase");
        assertEquals(2, cases.size());
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0.400", suite.getAttribute("time"), "four runs of 0.1 s");
        Element first = cases.get(0);
        assertEquals("loopback user sockbuf 65536 (median of 2 runs)", first.getAttribute("name"));
        assertEquals("0.200", first.getAttribute("time"));
        Element f = verdict(first);
        // the median 5.5 against 5.75: -4.3 %
        assertEquals("expected at least 5.750 Gbit/s, measured 5.500 (-4.3 %), the median of 2 runs with sockbuf 65536; "
                + "2 runs: Gbit/s min 5.250 median 5.500 max 5.750 stddev 0.354; CPU s/GB min 1.250 median 1.500"
                + " max 1.750 stddev 0.250", f.getAttribute("message"));
        Element second = cases.get(1);
        assertEquals("loopback user sockbuf 131072 (median of 2 runs)", second.getAttribute("name"));
        assertEquals(null, verdict(second), "median 6.0 meets 5.75");
        // each size's system-out: its runs' lines and its statistics
        String out = child(second, "system-out").getTextContent();
        assertTrue(out.startsWith("run 1/2 sockbuf 131072: received 67108864 bytes"), out);
        assertTrue(out.contains("      131072            -            -      6.000          -     2"), out);
        assertTrue(!out.contains("sockbuf 65536:"), "only its own runs: " + out);
    }

    @Test
    void anErrorBeforeAnyRunIsOneErroredTestcase() throws Exception {
        Element suite = suite(ReportFixture.results(ReportFixture.loopback(b -> b), List.of(), List.of(), null,
                "connect to 127.0.0.1 port 9: refused\u0007"), Thresholds.NONE);
        Element e = verdict(child(suite, "testcase"));
        assertEquals("error", e.getTagName());
        // a control character XML 1.0 cannot hold is replaced, the rest kept
        assertEquals("connect to 127.0.0.1 port 9: refused\uFFFD", e.getAttribute("message"));
        assertEquals("1", suite.getAttribute("errors"));
    }

    @Test
    void aSignalBeforeAnyRunIsOneSkippedTestcase() throws Exception {
        Element suite = suite(ReportFixture.results(ReportFixture.loopback(b -> b), List.of(), List.of(), "SIGINT",
                null), Thresholds.NONE);
        Element s = verdict(child(suite, "testcase"));
        assertEquals("skipped", s.getTagName());
        assertEquals("stopped by SIGINT", s.getAttribute("message"));
    }
}
