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

/**
 * `kttcp4j report` opened in a real browser: no console message of any kind, every chart drawn (Chart.js has
 * elements for its data, and the canvas has painted pixels), the sections a reader expects, and a screenshot under
 * target/ for a person to look at. Skipped when chromium-headless-shell is not installed.
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
            + " charts.push({title: c.getAttribute('data-title'), type: ch ? ch.config.type : null, width: c.width,"
            + "  height: c.height, elements: elements, painted: painted}); });"
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
        JsonNode state = Fixtures.MAPPER.readTree(json);
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
                "Socket-buffer sweep", "Distribution of repeats"), sections(state));
        List<String> titles = titles(state);
        assertTrue(titles.contains("Throughput (Gbit/s, higher is better)"), titles.toString());
        assertTrue(titles.contains("CPU per GB (CPU s/GB, lower is better)"), titles.toString());
        assertTrue(titles.contains("intervals.json"), "a throughput-over-time chart for the run with intervals: " + titles);
        assertTrue(titles.contains("Gbit/s against socket buffer"), titles.toString());
        assertTrue(titles.contains("Gbit/s of each repeat"), titles.toString());
        if (ip != null) {
            assertTrue(titles.contains("iperf3.json"), "iperf3's intervals drawn too: " + titles);
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
        assertEquals(List.of("What was run", "Throughput and CPU", "Throughput over time", "Distribution of repeats"),
                sections(state));
        assertTrue(state.get("text").asText().contains("None of the results has intervals: run with --interval"));
        assertFalse(titles(state).contains("Gbit/s against socket buffer"));
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
