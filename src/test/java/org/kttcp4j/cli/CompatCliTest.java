package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.kttcp4j.testing.CliProcess;

/** kttcp4j -r / -t as separate processes, checked line by line against the C tool's formats. */
class CompatCliTest {
    static final Pattern SOCKBUF = Pattern.compile("kttcp: socket buffer size: \\d+");
    static final Pattern REAL = Pattern.compile("kttcp: (\\d+) bytes in \\d+\\.\\d{3} real seconds ==> \\d+ bytes/sec");
    static final Pattern CPU = Pattern.compile("kttcp: (\\d+) bytes in \\d+\\.\\d{3} CPU seconds ==> \\d+ bytes/CPU sec");
    static final Pattern MBIT = Pattern.compile(" {7}[0-9.e+]+ \\([0-9.e+]+\\) Megabits/sec");
    static final Pattern RUSAGE = Pattern.compile("  \\d+\\.\\d{2}user \\d+\\.\\d{2}sys \\d+\\.\\d+real \\d+%");

    static void assertLine(Pattern p, String line) {
        assertTrue(p.matcher(line).matches(), "'" + line + "' does not match " + p);
    }

    @Test
    void receiverAndTransmitterPrintTheCToolsLinesInItsOrder() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("--engine", "user", "-r", "-4", "-p", Integer.toString(port), "-b", "128k", "-v")) {
            rx.awaitOutput("kttcp: listening on port " + port, 20);
            try (CliProcess tx = CliProcess.kttcp4j("--engine", "user", "-t", "-n", "20m", "-p", Integer.toString(port), "127.0.0.1")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                List<String> t = tx.stdout().lines().toList();
                assertEquals("kttcp: socket buffer size: 65536", t.get(0));
                assertEquals("kttcp: connected to 127.0.0.1", t.get(1));
                assertLine(REAL, t.get(2));
                assertEquals("20971520", REAL.matcher(t.get(2)).results().findFirst().orElseThrow().group(1));
                assertLine(MBIT, t.get(3));
                assertLine(RUSAGE, t.get(4));
                assertEquals(5, t.size(), tx.stdout());
                assertTrue(tx.stderr().contains("engine user"), "the engine is named: " + tx.stderr());
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            List<String> r = rx.stdout().lines().toList();
            assertEquals("kttcp: socket buffer size: 131072", r.get(0));
            assertEquals("kttcp: listening on port " + port, r.get(1));
            assertEquals("kttcp: connect from 127.0.0.1", r.get(2));
            assertLine(REAL, r.get(3));
            assertEquals("20971520", REAL.matcher(r.get(3)).results().findFirst().orElseThrow().group(1));
            assertLine(CPU, r.get(4));
            assertLine(MBIT, r.get(5));
            assertLine(RUSAGE, r.get(6));
        }
    }

    @Test
    void quietDropsTheConnectionLinesAndIpv6Works() {
        int port = CliProcess.freePort();
        try (CliProcess rx = CliProcess.kttcp4j("--engine", "user", "-r", "-q", "-6", "-p", Integer.toString(port))) {
            rx.awaitOutput("kttcp4j: listening on port " + port, 20); // on stderr: -q keeps stdout quiet
            try (CliProcess tx = CliProcess.kttcp4j("--engine", "user", "-t", "-q", "-6", "-n", "3m", "-p", Integer.toString(port), "::1")) {
                assertEquals(0, tx.waitFor(60), tx.stderr());
                List<String> t = tx.stdout().lines().toList();
                assertLine(SOCKBUF, t.get(0));
                assertLine(REAL, t.get(1));
                assertEquals(4, t.size());
            }
            assertEquals(0, rx.waitFor(60), rx.stderr());
            assertEquals(4, rx.stdout().lines().count(), rx.stdout());
        }
    }

    @Test
    void badBytesAndBuffersAreUsageErrorsOnOneLine() {
        String[][] cases = {
            {"-t", "-n", "12x", "localhost"},
            {"-t", "-n", "1kk", "localhost"},
            {"-r", "-b", "3g"},
            {"-r", "-t", "localhost"},
            {"-t"},
            {"-t", "-n", "0", "localhost"},
            {"-r", "-4", "-6"},
            {"-r", "-p", "70000"},
            {},
            {"--no-such-flag"},
        };
        for (String[] args : cases) {
            try (CliProcess p = CliProcess.kttcp4j(args)) {
                assertEquals(1, p.waitFor(30), String.join(" ", args) + ": " + p.stderr());
                List<String> err = p.stderr().lines().toList();
                assertEquals(1, err.size(), "one line for " + String.join(" ", args) + ": " + p.stderr());
                assertTrue(err.get(0).startsWith("kttcp4j: "), err.get(0));
                assertEquals("", p.stdout());
            }
        }
    }

    @Test
    void bytesMayExceedTwoGigabytesUnlikeTheCTool() throws Exception {
        // -n 3g parses (the C tool's int would not hold it); nothing listens, so the run fails at connect: exit 2
        try (java.net.Socket refusing = new java.net.Socket()) { // bound, never listening: refused while held
            refusing.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = refusing.getLocalPort();
            try (CliProcess p = CliProcess.kttcp4j("--engine", "user", "-t", "-n", "3g", "-p", Integer.toString(port), "127.0.0.1")) {
            assertEquals(2, p.waitFor(30));
            assertTrue(p.stderr().contains("ECONNREFUSED"), p.stderr());
            assertEquals(1, p.stderr().lines().filter(l -> l.startsWith("kttcp4j: connect")).count(), p.stderr());
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theKttcpEngineOnLinuxExitsTwoSayingItIsANetbsdDevice() {
        try (CliProcess p = CliProcess.kttcp4j("--engine", "kttcp", "-r", "-p", Integer.toString(CliProcess.freePort()))) {
            assertEquals(2, p.waitFor(30));
            assertTrue(p.stderr().contains("NetBSD's kttcp(4) kernel device"), p.stderr());
            assertEquals(1, p.stderr().lines().count(), p.stderr());
        }
    }
}
