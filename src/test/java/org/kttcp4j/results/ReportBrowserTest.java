package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * `kttcp4j report` opened in a real browser: no console message of any kind, every chart drawn (Chart.js has
 * elements for its data, and the canvas has painted pixels), the sections a reader expects, the wire charts'
 * points equal to the result files' TCP_INFO figures, and screenshots under target/ for a person to look at.
 * Skipped, test by test, when chromium-headless-shell (or, where a test needs it, iperf3) is not installed.
 */
class ReportBrowserTest {
    /** Prepended to the page: records errors, uncaught exceptions and warnings before any other script runs. */
    static final String HOOK = "<script>window.__errors = [];"
            + "window.addEventListener('error', function (e) { __errors.push('error: ' + e.message + ' at ' + e.lineno); });"
            + "window.addEventListener('unhandledrejection', function (e) { __errors.push('rejection: ' + e.reason); });"
            + "['error', 'warn'].forEach(function (l) { var o = console[l]; console[l] = function () {"
            + " __errors.push(l + ': ' + Array.prototype.join.call(arguments, ' ')); o.apply(console, arguments); }; });"
            + "</script>";

    /** Appended: what was drawn, as JSON in a <pre> the test reads from the dumped DOM. */
    static final String PROBE = "<script>(function () { var charts = [];"
            + "document.querySelectorAll('canvas').forEach(function (c) {"
            + " var ch = window.Chart && Chart.getChart(c); var elements = 0;"
            + " if (ch) { ch.data.datasets.forEach(function (d, i) { elements += ch.getDatasetMeta(i).data.filter("
            + "   function (e) { return !e.skip && isFinite(e.x) && isFinite(e.y); }).length; }); }"
            + " var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; var painted = 0;"
            + " for (var k = 3; k < px.length; k += 4) { if (px[k] !== 0) { painted++; } }"
            + " var sets = ch ? ch.data.datasets.map(function (d) { return {label: d.label, points: d.data.map("
            + "   function (p) { return p !== null && typeof p === 'object' ? [p.x, p.y] : p; })}; }) : [];"
            + " charts.push({title: c.getAttribute('data-title'), type: ch ? ch.config.type : null, width: c.width,"
            + "  height: c.height, elements: elements, painted: painted, datasets: sets,"
            + "  subtitle: ch && ch.options.plugins.subtitle ? ch.options.plugins.subtitle.text || null : null,"
            + "  labels: ch && ch.data.labels ? ch.data.labels : []}); });"
            + "var pre = document.createElement('pre'); pre.id = 'probe';"
            + "pre.textContent = JSON.stringify({errors: window.__errors, charts: charts,"
            + " sections: Array.prototype.map.call(document.querySelectorAll('h2'), function (h) { return h.textContent; }),"
            + " text: document.getElementById('main').innerText});"
            + "document.body.appendChild(pre); })();</script>";

    @TempDir
    static Path dir;

    static Browser browser;
    static Path intervals;
    static Path repeat;
    static Path sweep;
    static Path sender;
    static Path sender2;
    static Path receiver;

    static final String RETRANSMITS = "Retransmits per interval (segments, the sum over the streams)";
    static final String CWND = "Congestion window (KiB, the mean over the streams)";
    static final String RTT = "RTT (\u00b5s, the mean over the streams)";
    static final String NO_TCP_INFO = "the inputs carry no TCP_INFO: receivers\u2019 files, or engines/OSes without it";

    @BeforeAll
    static void results() {
        browser = Browser.find();
        if (browser == null) {
            return; // each test skips (a skip here would make surefire count no test)
        }
        intervals = Fixtures.kttcp4j(dir, "intervals.json", "loopback", "-e", "nio", "--time", "1s", "--interval",
                "0.25s", "--parallel", "2", "--json", "-q");
        repeat = Fixtures.kttcp4j(dir, "repeat.json", "loopback", "-e", "nio", "--bytes", "16m", "--repeat", "4",
                "--json", "-q");
        sweep = Fixtures.kttcp4j(dir, "sweep.json", "loopback", "-e", "nio", "--bytes", "16m", "--sockbuf",
                "64k,256k,1m", "--repeat", "2", "--json", "-q");
        // senders whose kernel gives TCP_INFO (the default engine), one stream and two; and a receiver's file
        sender = Fixtures.kttcp4jOutput(dir, "sender.json", "loopback", "--time", "2", "--interval", "0.5", "-q");
        sender2 = Fixtures.kttcp4jOutput(dir, "sender-2-streams.json", "loopback", "--time", "2", "--interval", "0.5",
                "--parallel", "2", "-q");
        receiver = Fixtures.kttcp4jReceiver(dir, "receiver.json");
    }

    @org.junit.jupiter.api.BeforeEach
    void needTheBrowser() {
        assumeTrue(browser != null, "chromium-headless-shell is not installed (apt-get install chromium-headless-shell)");
    }

    static Path report(String name, Path... inputs) {
        List<String> args = new ArrayList<>(List.of("report"));
        for (Path p : inputs) {
            args.add(p.toString());
        }
        Path html = dir.resolve(name);
        args.addAll(List.of("-o", html.toString()));
        try (CliProcess p = CliProcess.kttcp4j(args.toArray(String[]::new))) {
            assertEquals(0, p.waitFor(60), p.stdout() + p.stderr());
            assertTrue(p.stdout().startsWith("kttcp4j report: " + html), p.stdout());
        }
        return html;
    }

    /** The page with the hook and the probe, opened in the browser: the probe's JSON. */
    static JsonNode probe(Path html) throws IOException {
        String page = Files.readString(html);
        assertTrue(page.contains("<head>") && page.contains("</body>"), "not an HTML page: " + html);
        Path probed = html.resolveSibling("probed-" + html.getFileName());
        Files.writeString(probed, page.replace("<head>", "<head>" + HOOK).replace("</body>", PROBE + "</body>"));
        Browser.Result r = browser.dumpDom(probed, dir.resolve("profile"));
        assertEquals(List.of(), r.consoleLines(), "the page logged to the console");
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(r.stdout());
        assertTrue(m.find(), "the probe did not run (a script failed before it?): " + r.stderr());
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        JsonNode state = Json.parse(json);
        assertEquals(0, state.get("errors").size(), "errors in the page: " + state.get("errors"));
        return state;
    }

    static void assertAllDrawn(JsonNode state) {
        assertTrue(state.get("charts").size() > 0, "no charts");
        for (JsonNode c : state.get("charts")) {
            String t = c.get("title").asText();
            assertTrue(c.get("width").asInt() > 200 && c.get("height").asInt() > 150, t + ": canvas too small: " + c);
            assertTrue(c.get("elements").asInt() > 0, t + ": Chart.js drew no data elements: " + c);
            assertTrue(c.get("painted").asInt() > 2000, t + ": the canvas is (nearly) blank: " + c);
        }
    }

    static List<String> titles(JsonNode state) {
        List<String> t = new ArrayList<>();
        state.get("charts").forEach(c -> t.add(c.get("title").asText()));
        return t;
    }

    static List<String> sections(JsonNode state) {
        List<String> t = new ArrayList<>();
        state.get("sections").forEach(c -> t.add(c.asText()));
        return t;
    }

    @Test
    void severalResultsSideBySide() throws IOException {
        List<Path> inputs = new ArrayList<>(List.of(repeat, repeat, intervals, sweep));
        Path ip = CliProcess.which("iperf3") == null ? null : Fixtures.iperf3(dir, "iperf3.json", "-t", "1", "-P", "2");
        if (ip != null) {
            inputs.add(ip);
        }
        Path html = report("several.html", inputs.toArray(Path[]::new));
        JsonNode state = probe(html);
        assertAllDrawn(state);
        assertEquals(List.of("What was run", "Side by side", "Baseline against new", "Throughput over time",
                "What the wire did", "Socket-buffer sweep", "Distribution of repeats"), sections(state));
        List<String> titles = titles(state);
        assertTrue(titles.contains("Throughput (Gbit/s, higher is better)"), titles.toString());
        assertTrue(titles.contains("CPU per GB (CPU s/GB, lower is better)"), titles.toString());
        assertTrue(titles.contains("intervals.json"), "a throughput-over-time chart for the run with intervals: " + titles);
        assertTrue(titles.contains("Gbit/s against socket buffer"), titles.toString());
        assertTrue(titles.contains("Gbit/s of each repeat"), titles.toString());
        if (ip != null) {
            assertTrue(titles.contains("iperf3.json"), "iperf3's intervals drawn too: " + titles);
            // only iperf3's file has a sender's TCP_INFO (the nio engine has none): one line, the others named
            assertEquals(List.of("iperf3.json"), labels(chart(state, RETRANSMITS)));
            assertTrue(state.get("text").asText().contains("so not drawn: repeat.json, repeat.json (2), intervals.json, "
                    + "sweep.json"), state.get("text").asText());
        } else {
            assertTrue(state.get("text").asText().contains(NO_TCP_INFO), "nio files carry no TCP_INFO");
        }
        String text = state.get("text").asText();
        assertTrue(text.contains("repeat.json \u2192 repeat.json"), "the baseline against the second file");
        assertTrue(text.contains("Not comparable: the run 'nio loopback' of " + repeat), "a pair that cannot be matched says why");
        Path shot = Path.of("target", "report-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        Browser.Result r = browser.screenshot(html, shot, 4400, dir.resolve("profile"));
        assertEquals(List.of(), r.consoleLines());
        Browser.assertPng(shot);
        Files.copy(html, Path.of("target", "report-sample.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void oneResultWithoutIntervals() throws IOException {
        JsonNode state = probe(report("one.html", repeat));
        assertAllDrawn(state);
        assertEquals(List.of("What was run", "Throughput and CPU", "Throughput over time", "What the wire did",
                "Distribution of repeats"), sections(state));
        assertTrue(state.get("text").asText().contains("None of the results has intervals: run with --interval"));
        assertFalse(titles(state).contains("Gbit/s against socket buffer"));
    }

    /**
     * Two kttcp4j senders' files (one stream, two streams): a retransmit chart with a line for each, whose steps are
     * the files' intervals[].sum.retransmits; cwnd and RTT charts whose points are the mean of the streams' snd_cwnd
     * (in KiB) and rtt at each interval's end, not all zero; the totals in the settings table.
     */
    @Test
    void kttcp4jSendersGetTheWireCharts() throws IOException {
        Path html = report("wire.html", sender, sender2);
        JsonNode state = probe(html);
        assertAllDrawn(state);
        assertEquals(List.of("What was run", "Side by side", "Baseline against new", "Throughput over time",
                "What the wire did"), sections(state));
        assertWire(state, List.of(sender, sender2), List.of("sender.json", "sender-2-streams.json"));
        String text = state.get("text").asText();
        assertTrue(text.contains("retransmits (sender, whole run)\t" + Fixtures.read(sender).at("/end/sum_sent/retransmits")
                .asLong() + "\t" + Fixtures.read(sender2).at("/end/sum_sent/retransmits").asLong()), text);
        screenshot(html, "report-wire-screenshot.png", 3800);
    }

    /** A kttcp4j sender's file beside a real iperf3 -J client's (a pair on 127.0.0.1): the same charts for both. */
    @Test
    void iperf3AndKttcp4jSendersSideBySide() throws IOException {
        Path ip = Fixtures.iperf3(dir, "iperf3-sender.json", "-t", "2", "-i", "0.5", "-P", "2");
        JsonNode state = probe(report("wire-iperf3.html", sender, ip));
        assertAllDrawn(state);
        assertWire(state, List.of(sender, ip), List.of("sender.json", "iperf3-sender.json"));
        assertTrue(state.get("text").asText().contains("congestion control"), "iperf3's sender_tcp_congestion");
    }

    /**
     * What the report says of each file: a kttcp4j file's congestion control; a file with TCP_INFO but no
     * intervals named as such (run with --interval), not as one without TCP_INFO; an iperf3 server's file as the
     * server's; and in each CPU chart, whose CPU each file counts.
     */
    @Test
    void eachFileIsDescribedAsWhatItIs() throws Exception {
        Path bare = Fixtures.kttcp4jOutput(dir, "no-intervals.json", "loopback", "--time", "1", "-q");
        Path server = Fixtures.iperf3Server(dir, "iperf3-server.json", "-t", "1");
        JsonNode state = probe(report("described.html", sender, bare, server));
        assertAllDrawn(state);
        String text = state.get("text").asText();
        assertTrue(text.contains("; with TCP_INFO but no intervals (run with --interval), so not drawn: no-intervals.json"),
                text);
        assertTrue(text.contains("without it), so not drawn: iperf3-server.json;"), text);
        String cc = Fixtures.read(sender).at("/end/sender_tcp_congestion").asText();
        assertTrue(text.contains("congestion control\t" + cc + "\t" + cc + "\t"
                + Fixtures.read(server).at("/end/receiver_tcp_congestion").asText()), text);
        assertTrue(text.contains("1 \u00d7 iperf3 server"), "an iperf3 server's file is the server's: " + text);
        assertFalse(text.contains("iperf3 client"), text);
        JsonNode cpu = chart(state, "CPU per GB (CPU s/GB, lower is better)");
        assertEquals("CPU of: sender.json both ends; no-intervals.json both ends; iperf3-server.json the receiver",
                cpu.get("subtitle").asText());
        JsonNode use = null;
        for (JsonNode c : state.get("charts")) {
            use = c.get("title").asText().startsWith("CPU utilisation") ? c : use;
        }
        assertTrue(use != null, titles(state).toString());
        assertEquals(cpu.get("subtitle"), use.get("subtitle"));
        assertEquals("[\"iperf3-server.json\",\"the receiver\"]", use.get("labels").get(2).toString());
    }

    /** A receiver's file has no sender's TCP_INFO: the sentence that says why, no wire chart, no totals row. */
    @Test
    void aReceiversFileGetsTheSentenceAndNoWireChart() throws IOException {
        JsonNode state = probe(report("receiver.html", receiver));
        assertAllDrawn(state);
        assertTrue(sections(state).contains("What the wire did"), sections(state).toString());
        String text = state.get("text").asText();
        assertTrue(text.contains("No charts of retransmits, congestion window or RTT: " + NO_TCP_INFO), text);
        assertFalse(text.contains("retransmits (sender"), text);
        List<String> titles = titles(state);
        assertFalse(titles.contains(RETRANSMITS) || titles.contains(CWND) || titles.contains(RTT), titles.toString());
        assertTrue(titles.contains("receiver.json"), "its throughput over time is still drawn: " + titles);
    }

    /** The wire charts against the files: one line per file, in order, each point the file's figure. */
    static void assertWire(JsonNode state, List<Path> files, List<String> names) {
        JsonNode retr = chart(state, RETRANSMITS);
        JsonNode cwnd = chart(state, CWND);
        JsonNode rtt = chart(state, RTT);
        assertEquals(names, labels(retr));
        assertEquals(names, labels(cwnd));
        assertEquals(names, labels(rtt));
        for (int k = 0; k < files.size(); k++) {
            List<JsonNode> intervals = intervals(Fixtures.read(files.get(k)));
            JsonNode steps = retr.get("datasets").get(k).get("points");
            JsonNode c = cwnd.get("datasets").get(k).get("points");
            JsonNode t = rtt.get("datasets").get(k).get("points");
            String what = names.get(k) + ": ";
            // a step from the first interval's start, then a point at each interval's end
            assertEquals(intervals.size() + 1, steps.size(), what + steps);
            assertEquals(intervals.get(0).at("/sum/start").asDouble(), steps.get(0).get(0).asDouble(), 1e-9, what);
            assertEquals(intervals.size(), c.size(), what + c);
            assertEquals(intervals.size(), t.size(), what + t);
            double cwndMax = 0;
            double rttMax = 0;
            for (int i = 0; i < intervals.size(); i++) {
                JsonNode in = intervals.get(i);
                double end = in.at("/sum/end").asDouble();
                assertTrue(in.path("sum").has("retransmits"), what + "the file's interval has retransmits: " + in);
                assertEquals(end, steps.get(i + 1).get(0).asDouble(), 1e-9, what + "interval " + i);
                assertEquals(in.at("/sum/retransmits").asDouble(), steps.get(i + 1).get(1).asDouble(), what + "interval " + i);
                assertEquals(end, c.get(i).get(0).asDouble(), 1e-9, what + "interval " + i);
                assertEquals(mean(in, "snd_cwnd") / 1024, c.get(i).get(1).asDouble(), 1e-6, what + "interval " + i);
                assertEquals(mean(in, "rtt"), t.get(i).get(1).asDouble(), 1e-6, what + "interval " + i);
                cwndMax = Math.max(cwndMax, c.get(i).get(1).asDouble());
                rttMax = Math.max(rttMax, t.get(i).get(1).asDouble());
            }
            assertTrue(cwndMax > 0 && rttMax > 0, what + "a sender's cwnd and RTT are not all zero: " + c + t);
        }
    }

    /** The intervals of a single-run document that have a sum (what the report reads). */
    static List<JsonNode> intervals(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        doc.path("intervals").forEach(in -> {
            if (in.path("sum").has("bits_per_second")) {
                out.add(in);
            }
        });
        return out;
    }

    /** The mean of a field over an interval's streams, computed here from the file. */
    static double mean(JsonNode interval, String field) {
        double sum = 0;
        int n = 0;
        for (JsonNode s : interval.path("streams")) {
            if (s.has(field)) {
                sum += s.get(field).asDouble();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static JsonNode chart(JsonNode state, String title) {
        for (JsonNode c : state.get("charts")) {
            if (c.get("title").asText().equals(title)) {
                return c;
            }
        }
        throw new AssertionError("no chart '" + title + "' among " + titles(state));
    }

    static List<String> labels(JsonNode chart) {
        List<String> l = new ArrayList<>();
        chart.get("datasets").forEach(d -> l.add(d.get("label").asText()));
        return l;
    }

    static void screenshot(Path html, String name, int height) throws IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        Browser.Result r = browser.screenshot(html, shot, height, dir.resolve("profile"));
        assertEquals(List.of(), r.consoleLines());
        Browser.assertPng(shot);
    }

    /** Self-contained: nothing in the page loads anything (the browser above also resolves no host names). */
    @Test
    void thePageReferencesNothingOutside() throws IOException {
        String page = Files.readString(report("self.html", intervals));
        for (String ref : List.of("<script src", "<link", "<img", "<iframe", "url(", "import(", "fetch(",
                "XMLHttpRequest")) {
            assertFalse(page.contains(ref), "the page loads something: " + ref);
        }
        assertTrue(page.contains("Chart.js v" + HtmlReport.chartJsVersion()), "Chart.js is inlined");
    }
}
