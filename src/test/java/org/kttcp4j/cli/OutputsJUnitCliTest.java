package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** --junit FILE as a CI system reads it: parsed with the JDK's DOM parser, counted and looked into. */
class OutputsJUnitCliTest {
    private static Element suite(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("testsuite", root.getTagName());
        return root;
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList n = e.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i).getNodeType() == Node.ELEMENT_NODE && ((Element) n.item(i)).getTagName().equals(tag)) {
                out.add((Element) n.item(i));
            }
        }
        return out;
    }

    private static void counts(Element suite, int tests, int failures, int errors, int skipped) {
        assertEquals(Integer.toString(tests), suite.getAttribute("tests"));
        assertEquals(Integer.toString(failures), suite.getAttribute("failures"));
        assertEquals(Integer.toString(errors), suite.getAttribute("errors"));
        assertEquals(Integer.toString(skipped), suite.getAttribute("skipped"));
        List<Element> cases = children(suite, "testcase");
        assertEquals(tests, cases.size());
        assertEquals(failures, cases.stream().filter(c -> !children(c, "failure").isEmpty()).count());
        assertEquals(errors, cases.stream().filter(c -> !children(c, "error").isEmpty()).count());
    }

    @Test
    void aRunThatMetItsThresholdIsOnePassingTestWithItsTextReport(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "--json",
                "--junit", xml.toString(), "--expect-gbits", "0.001")) {
            assertEquals(0, p.waitFor(60), p.stderr());
            Element suite = suite(xml);
            counts(suite, 1, 0, 0, 0);
            Element c = children(suite, "testcase").get(0);
            assertEquals("loopback user sockbuf default", c.getAttribute("name"));
            assertEquals("kttcp4j.loopback.host", c.getAttribute("classname"));
            assertTrue(Double.parseDouble(c.getAttribute("time")) > 0, c.getAttribute("time"));
            // the text report, though stdout had JSON
            String out = children(c, "system-out").get(0).getTextContent();
            assertTrue(out.contains("receiver  16777216 bytes in "), out);
            assertTrue(p.stdout().startsWith("{"), "stdout stays JSON: " + p.stdout());
        }
    }

    @Test
    void aSweepIsOneTestPerSizeFailedWithItsFiguresWhenItMissesTheThreshold(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "nio", "--bytes", "8m", "--sockbuf", "64k,256k",
                "--repeat", "2", "--junit", xml.toString(), "--expect-gbits", "100000")) {
            assertEquals(3, p.waitFor(60), p.stderr());
            Element suite = suite(xml);
            counts(suite, 2, 2, 0, 0);
            List<Element> cases = children(suite, "testcase");
            String[] sizes = {"65536", "262144"};
            for (int i = 0; i < 2; i++) {
                Element c = cases.get(i);
                assertEquals("loopback nio sockbuf " + sizes[i] + " (median of 2 runs)", c.getAttribute("name"));
                Element failure = children(c, "failure").get(0);
                String message = failure.getAttribute("message");
                assertTrue(message.matches("expected at least 100000\\.000 Gbit/s, measured \\d+\\.\\d{3} \\(-\\d+\\.\\d %\\),"
                        + " the median of 2 runs with sockbuf " + sizes[i] + "; 2 runs: Gbit/s min [0-9.]+ median [0-9.]+"
                        + " max [0-9.]+ stddev [0-9.]+; CPU s/GB .*"), message);
                // the same line the process printed on stderr
                assertTrue(p.stderr().contains("kttcp4j: " + message.substring(0, message.indexOf(';'))), p.stderr());
                String out = children(c, "system-out").get(0).getTextContent();
                assertTrue(out.contains("run 1/2 sockbuf " + sizes[i]) && out.contains("run 2/2 sockbuf " + sizes[i]), out);
                assertTrue(!out.contains("sockbuf " + sizes[1 - i] + ":"), "only its own runs: " + out);
            }
            assertEquals("100000", children(children(suite, "properties").get(0), "property").stream()
                    .filter(e -> e.getAttribute("name").equals("expect_gbits")).findFirst().orElseThrow()
                    .getAttribute("value"));
        }
    }

    @Test
    void aFailedRunIsAnError(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        int port = CliProcess.freePort(); // nothing listens: the connect is refused
        try (CliProcess p = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                Integer.toString(port), "--junit", xml.toString(), "--expect-gbits", "1")) {
            assertEquals(2, p.waitFor(30), p.stderr());
            Element suite = suite(xml);
            counts(suite, 1, 0, 1, 0);
            Element error = children(children(suite, "testcase").get(0), "error").get(0);
            assertTrue(error.getAttribute("message").contains("ECONNREFUSED"), error.getAttribute("message"));
            assertTrue(p.stderr().contains(error.getAttribute("message")), p.stderr());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRunThatCannotStartIsRecordedToo(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("junit.xml");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "kttcp", "--junit", xml.toString())) {
            assertEquals(2, p.waitFor(30), p.stderr());
            assertEquals(1, p.stderr().lines().count(), p.stderr());
            Element suite = suite(xml);
            counts(suite, 1, 0, 1, 0);
            String message = children(children(suite, "testcase").get(0), "error").get(0).getAttribute("message");
            assertTrue(message.contains("NetBSD's kttcp(4) kernel device"), message);
        }
    }

    @Test
    void aDirectoryThatDoesNotExistIsBadInputBeforeAnythingRuns(@TempDir Path dir) {
        Path xml = dir.resolve("missing").resolve("junit.xml");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "8m", "--junit",
                xml.toString())) {
            assertEquals(1, p.waitFor(30));
            assertEquals(List.of("kttcp4j: cannot write --junit " + xml + ": directory " + xml.getParent()
                    + " does not exist (give a file in a directory that exists and can be written)"),
                    p.stderr().lines().toList());
            assertEquals("", p.stdout(), "nothing ran");
        }
    }
}
