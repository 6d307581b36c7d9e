package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** --output FILE: the JSON document beside whatever stdout shows, on every kind of run, and what compare reads. */
class OutputsFileCliTest {

    @Test
    void textOnStdoutAndTheJsonDocumentInTheFileThatCompareReads(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("new.json");
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--bytes", "16m", "--repeat", "2",
                "--output", json.toString())) {
            assertEquals(0, p.waitFor(60), p.stderr());
            assertTrue(p.stdout().startsWith("run 1/2: received 16777216 bytes"), p.stdout());
            List<JsonNode> docs = Json.documents(json);
            assertEquals(1, docs.size());
            assertEquals(2, docs.get(0).get("runs").size());
            assertEquals(16L << 20, docs.get(0).at("/runs/1/end/sum_received/bytes").asLong());
            assertEquals(2, docs.get(0).at("/summary/0/runs").asInt());
        }
        // the artifact is what compare takes: the same file against itself is no regression
        try (CliProcess c = CliProcess.kttcp4j("compare", json.toString(), json.toString(), "--max-drop", "5")) {
            assertEquals(0, c.waitFor(60), c.stderr() + c.stdout());
        }
    }

    @Test
    void sendAndRecvEachKeepTheirOwnEnd(@TempDir Path dir) throws Exception {
        Path rxJson = dir.resolve("rx.json");
        Path txJson = dir.resolve("tx.json");
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--engine", "user", "-4", "--port", Integer.toString(port),
                "--output", rxJson.toString(), "--csv")) {
            rx.awaitOutput("listening on", 20);
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "nio", "--port",
                    Integer.toString(port), "--bytes", "24m", "--output", txJson.toString())) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                assertTrue(tx.stdout().contains("sender    25165824 bytes"), tx.stdout());
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            assertTrue(rx.stdout().startsWith("kind,run,"), "stdout is the CSV: " + rx.stdout());
        }
        JsonNode rx = Json.documents(rxJson).get(0);
        JsonNode tx = Json.documents(txJson).get(0);
        assertEquals("recv", rx.at("/start/mode").asText());
        assertEquals("send", tx.at("/start/mode").asText());
        assertEquals(24L << 20, rx.at("/end/sum_received/bytes").asLong());
        assertEquals(24L << 20, tx.at("/end/sum_sent/bytes").asLong());
    }

    @Test
    void aServerKeepsOneDocumentAndOneTestPerRun(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("served.json");
        Path xml = dir.resolve("served.xml");
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--serve", "--engine", "user", "-4", "--port",
                Integer.toString(port), "--output", json.toString(), "--junit", xml.toString())) {
            rx.awaitOutput("listening on", 20);
            for (String size : new String[] {"8m", "9m"}) {
                try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--engine", "user", "--port",
                        Integer.toString(port), "--bytes", size)) {
                    assertEquals(0, tx.waitFor(60), tx.stderr());
                }
            }
            rx.awaitOutput("receiver  9437184 bytes", 20);
            ProcessHandle.of(rx.pid()).orElseThrow().destroy(); // SIGTERM, as a service manager stops it
            assertEquals(143, rx.waitFor(20), rx.stderr());
        }
        List<JsonNode> docs = Json.documents(json);
        assertEquals(8L << 20, docs.get(0).at("/end/sum_received/bytes").asLong());
        assertEquals(9L << 20, docs.get(1).at("/end/sum_received/bytes").asLong());
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertEquals("2", suite.getAttribute("tests"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals("recv user sockbuf default", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals("recv user sockbuf default #2", ((Element) cases.item(1)).getAttribute("name"));
        assertTrue(cases.item(1).getTextContent().contains("receiver  9437184 bytes"), cases.item(1).getTextContent());
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineAndExitOne(@TempDir Path dir) {
        try (CliProcess p = CliProcess.kttcp4j("loopback", "--engine", "user", "--output", dir.toString())) {
            assertEquals(1, p.waitFor(30));
            assertEquals(List.of("kttcp4j: cannot write --output " + dir + ": it is a directory (give a file in a"
                    + " directory that exists and can be written)"), p.stderr().lines().toList());
        }
    }
}
