package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;

/** `kttcp4j compare` as a user runs it, on result files kttcp4j (and iperf3) really wrote. */
class CompareCliTest {
    @TempDir
    static Path dir;

    static Path single;
    static Path repeat;
    static Path sweep;
    static JsonNode singleDoc;

    @BeforeAll
    static void results() {
        // The files compared by CPU are timed runs of 1 s: each run must move at least 1 MiB in at least 20 ms for
        // its CPU to be measured (measure/Figures), and compare --metric cpu rightly refuses a run whose CPU was not.
        // A 16 MiB run took under 20 ms on a fast moment; and on a loaded machine the first run of a loopback in two
        // processes once moved only 384 KiB in a 200 ms run: the child JVM, still starting its receiving end, read
        // nothing for half a second while the sender's 64 KiB buffers stood full (seen at load 4 with the other
        // core busy). A second of sending leaves more than 1 MiB after such a start.
        single = Fixtures.kttcp4j(dir, "single.json", "loopback", "-e", "nio", "--time", "1s", "--json", "-q");
        repeat = Fixtures.kttcp4j(dir, "repeat.json", "loopback", "-e", "nio", "--bytes", "16m", "--repeat", "3",
                "--json", "-q");
        sweep = Fixtures.kttcp4j(dir, "sweep.json", "loopback", "-e", "nio", "--time", "1s", "--sockbuf",
                "64k,256k", "--json", "-q");
        singleDoc = Fixtures.read(single);
    }

    record Out(int code, String stdout, String stderr) {}

    static Out compare(Object... args) {
        List<String> a = new ArrayList<>(List.of("compare"));
        for (Object o : args) {
            a.add(o.toString());
        }
        try (CliProcess p = CliProcess.kttcp4j(a.toArray(String[]::new))) {
            int code = p.waitFor(60);
            return new Out(code, p.stdout(), p.stderr());
        }
    }

    /** Exit 1 with exactly one line on stderr, which says what is wrong and names the file. */
    static void badInput(Out o, String... expected) {
        assertEquals(1, o.code(), o.stdout() + o.stderr());
        assertEquals("", o.stdout(), "nothing on stdout for bad input");
        String err = o.stderr().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        for (String e : expected) {
            assertTrue(err.contains(e), "'" + e + "' in: " + err);
        }
    }

    @Test
    void aResultAgainstItselfIsNoRegression() {
        Out o = compare(single, single);
        assertEquals(0, o.code(), o.stdout() + o.stderr());
        assertTrue(o.stdout().contains("nio loopback"), o.stdout());
        assertTrue(o.stdout().contains("+0.0%"), o.stdout());
        assertTrue(o.stdout().contains("no regression: no run is worse by more than 5%"), o.stdout());
    }

    @Test
    void aDropBeyondMaxDropExitsThreeAndSaysWhich() {
        Path slow = Fixtures.write(dir.resolve("slow.json"), Fixtures.scaled(singleDoc, "bits_per_second", 0.8));
        Out o = compare(single, slow, "--max-drop", 10);
        assertEquals(3, o.code(), o.stdout() + o.stderr());
        assertTrue(o.stdout().contains("-20.0%"), o.stdout());
        assertTrue(o.stdout().contains("REGRESSION: nio loopback: Gbit/s"), o.stdout());
        assertTrue(o.stdout().contains("worse by more than 10%"), o.stdout());
        // the same drop within a larger allowance passes
        assertEquals(0, compare(single, slow, "--max-drop", 25).code());
        // and a gain is never a regression: the old result against the slow one is +25%
        Out up = compare(slow, single, "--max-drop", 10);
        assertEquals(0, up.code(), up.stdout());
        assertTrue(up.stdout().contains("+25.0%") && up.stdout().contains("better"), up.stdout());
    }

    @Test
    void cpuLowerIsBetter() {
        Path hungry = Fixtures.write(dir.resolve("hungry.json"), Fixtures.scaled(singleDoc, "cpu_seconds_per_gb", 1.5));
        Out o = compare(single, hungry, "--metric", "cpu", "--max-drop", 10);
        assertEquals(3, o.code(), o.stdout() + o.stderr());
        assertTrue(o.stdout().startsWith("CPU s/GB (lower is better)"), o.stdout());
        assertTrue(o.stdout().contains("+50.0%"), o.stdout());
        // Gbit/s did not change
        assertEquals(0, compare(single, hungry, "--metric", "gbits", "--max-drop", 10).code());
        // less CPU per GB is better
        Out less = compare(hungry, single, "--metric", "cpu", "--max-drop", 10);
        assertEquals(0, less.code(), less.stdout());
        assertTrue(less.stdout().contains("better"), less.stdout());
    }

    /** Tight repeats 10% apart: a regression the test calls significant; exact p for 5 against 5 is 2/252. */
    @Test
    void aConsistentDropIsSignificant() {
        Path base = Fixtures.write(dir.resolve("tight-base.json"), Fixtures.series(singleDoc, 20.0, 20.1, 19.9, 20.2, 19.8));
        Path now = Fixtures.write(dir.resolve("tight-new.json"), Fixtures.series(singleDoc, 18.0, 18.1, 17.9, 18.2, 17.8));
        Out o = compare(base, now, "--max-drop", 5);
        assertEquals(3, o.code(), o.stdout() + o.stderr());
        assertEquals(2.0 / 252, p(o.stdout()), 0.0005, o.stdout());
        assertTrue(o.stdout().contains("20.00 (5)") && o.stdout().contains("18.00 (5)"), o.stdout());
    }

    /**
     * The same 10% drop in the medians, but the repeats spread over 10 to 30 Gbit/s and overlap: noise, which
     * the Mann-Whitney U test does not call a regression (exit 0), while the table still shows the drop.
     */
    @Test
    void aDropWithinTheNoiseIsNotARegression() {
        Path base = Fixtures.write(dir.resolve("noisy-base.json"), Fixtures.series(singleDoc, 10, 30, 12, 28, 20));
        Path now = Fixtures.write(dir.resolve("noisy-new.json"), Fixtures.series(singleDoc, 11, 29, 13, 25, 18));
        Out o = compare(base, now, "--max-drop", 5);
        assertEquals(0, o.code(), o.stdout() + o.stderr());
        assertTrue(o.stdout().contains("-10.0%"), o.stdout());
        assertTrue(o.stdout().contains("worse, not significant"), o.stdout());
        assertTrue(p(o.stdout()) > 0.5, o.stdout());
    }

    /** Three repeats a side can never reach p < 0.05: say so, and judge the medians as single runs. */
    @Test
    void tooFewRepeatsForTheTestAreJudgedByMedians() {
        Path base = Fixtures.write(dir.resolve("three-base.json"), Fixtures.series(singleDoc, 20, 21, 19));
        Path now = Fixtures.write(dir.resolve("three-new.json"), Fixtures.series(singleDoc, 15, 16, 14));
        Out o = compare(base, now);
        assertEquals(3, o.code(), o.stdout());
        assertTrue(o.stdout().contains("3 and 3 runs cannot reach p < 0.05 (the smallest p is 0.100)"), o.stdout());
        assertTrue(o.stdout().contains("use --repeat 4 or more on both sides"), o.stdout());
    }

    @Test
    void realRepeatsAndSweepsCompareWithThemselves() {
        Out r = compare(repeat, repeat);
        assertEquals(0, r.code(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("(3)"), r.stdout());
        Out s = compare(sweep, sweep, "--metric", "cpu");
        assertEquals(0, s.code(), s.stdout() + s.stderr());
        assertTrue(s.stdout().contains("nio loopback, sockbuf 64 KiB"), s.stdout());
        assertTrue(s.stdout().contains("nio loopback, sockbuf 256 KiB"), s.stdout());
    }

    @Test
    void runsThatCannotBeMatchedExitOne() {
        badInput(compare(sweep, single), "the run 'nio loopback, sockbuf 64 KiB' of " + sweep, "no counterpart in "
                + single, "(which has: nio loopback)");
        Path par = Fixtures.write(dir.resolve("parallel.json"), withField(singleDoc, "num_streams", 4));
        badInput(compare(single, par), "no counterpart", "nio loopback, 4 streams");
    }

    @Test
    void filesThatAreNotResultsExitOne() {
        Path text = Fixtures.write(dir.resolve("text.json"), "kttcp4j loopback: peer 127.0.0.1\n");
        badInput(compare(text, single), text + ": not JSON (line 1", "give a file written by kttcp4j --json");
        Path other = Fixtures.write(dir.resolve("other.json"), "{\"name\": \"not a benchmark\"}\n");
        badInput(compare(single, other), other + ": neither a kttcp4j result nor iperf3's -J output");
        Path stream = Fixtures.write(dir.resolve("stream.json"), "{\"event\":\"start\",\"data\":{}}\n");
        badInput(compare(stream, single), "--json-stream events");
        Path failed = Fixtures.write(dir.resolve("failed.json"),
                "{\"start\":{\"version\":\"iperf 3.12\"},\"intervals\":[],\"end\":{},"
                + "\"error\":\"unable to connect to server: Connection refused\"}\n");
        badInput(compare(failed, single), "iperf3 reported an error and no result: unable to connect");
        badInput(compare(single, dir.resolve("missing.json")), "missing.json: no such file");
        badInput(compare(single, single, "--metric", "mbits"), "--metric 'mbits' is not known: give gbits");
    }

    /** Fields a later kttcp4j may add (end.kttcp4j[].stopped, a top-level field) do not stop compare. */
    @Test
    void extraFieldsAreIgnored() {
        ObjectNode doc = singleDoc.deepCopy();
        doc.put("kttcp4j_format", 2);
        doc.withObject("/end").withArray("kttcp4j").forEach(e -> ((ObjectNode) e).put("stopped", "deadline"));
        Path extra = Fixtures.write(dir.resolve("extra.json"), doc);
        assertEquals(0, compare(single, extra).code());
    }

    /** Runs collected by a script: a JSON array of documents is a set of repeats. */
    @Test
    void anArrayOfDocumentsIsASeries() {
        Path two = Fixtures.write(dir.resolve("array.json"), "[" + read(single) + "," + read(single) + "]");
        Out o = compare(single, two);
        assertEquals(0, o.code(), o.stdout() + o.stderr());
        assertTrue(o.stdout().contains(" (2)"), o.stdout());
    }

    @Test
    void iperf3OnEitherSide() {
        Path ip = Fixtures.iperf3(dir, "iperf3.json", "-t", "1");
        Out self = compare(ip, ip);
        assertEquals(0, self.code(), self.stdout() + self.stderr());
        assertTrue(self.stdout().contains("iperf3 client"), self.stdout());
        // a drop of at most 100% can never exceed --max-drop 100: exit 0 whatever the figures
        for (Path[] pair : new Path[][] {{ip, single}, {single, ip}}) {
            Out o = compare(pair[0], pair[1], "--max-drop", 100);
            assertEquals(0, o.code(), o.stdout() + o.stderr());
            assertTrue(o.stdout().contains("compared across tools or engines"), o.stdout());
            assertTrue(o.stdout().contains("nio loopback") && o.stdout().contains("iperf3 client"), o.stdout());
        }
        Out cpu = compare(ip, single, "--metric", "cpu", "--max-drop", 1e9);
        assertEquals(0, cpu.code(), cpu.stdout() + cpu.stderr());
        // iperf3's repeats: several -J documents appended to one file
        Path two = Fixtures.write(dir.resolve("iperf3-x2.json"), read(ip) + read(ip));
        Out twice = compare(two, ip);
        assertEquals(0, twice.code(), twice.stdout() + twice.stderr());
        assertTrue(twice.stdout().contains(" (2)"), twice.stdout());
        // a reverse run with two streams is another run
        Path rev = Fixtures.iperf3(dir, "iperf3-R.json", "-t", "1", "-R", "-P", "2");
        badInput(compare(ip, rev), "no counterpart", "iperf3 client, 2 streams, reverse");
    }

    static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode withField(JsonNode doc, String field, int value) {
        ObjectNode copy = doc.deepCopy();
        copy.withObject("/start/test_start").put(field, value);
        return copy;
    }

    /** The p column of the table's one row. */
    static double p(String table) {
        Matcher m = Pattern.compile("%\\s+(\\d\\.\\d{3})\\s").matcher(table);
        assertTrue(m.find(), "no p-value in: " + table);
        return Double.parseDouble(m.group(1));
    }
}
