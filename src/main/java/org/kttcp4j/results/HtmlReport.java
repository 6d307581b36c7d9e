package org.kttcp4j.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One self-contained HTML page for one or more result files: the data as JSON in the page, Chart.js (from its
 * WebJar on the class path) and the page's own script and styles inlined, so that nothing is fetched when it is
 * opened (a CI artifact, a mail attachment, a laptop offline). What it draws is report.js's business; this class
 * gathers the figures.
 */
public final class HtmlReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";

    private HtmlReport() {}

    /** The Chart.js version inlined (the WebJar's own pom.properties). */
    public static String chartJsVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    public static String render(List<ResultFile> files, String generator) {
        return render(files, generator, null);
    }

    /**
     * With a plan's matrix (PlanReport.matrix): the N x N heatmap above the per-pair charts, and no comparison of
     * the first file against the others (they are different pairs, not a baseline and new runs).
     */
    public static String render(List<ResultFile> files, String generator, ObjectNode matrix) {
        String version = chartJsVersion();
        String chartJs = text(WEBJAR + version + "/dist/chart.umd.min.js");
        String script = text("org/kttcp4j/results/report.js");
        String css = text("org/kttcp4j/results/report.css");
        String json;
        try {
            ObjectNode data = data(files, generator, version, matrix == null);
            if (matrix != null) {
                data.set("matrix", matrix);
            }
            json = MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // In a <script> element only "</script" and "<!--" could end or confuse it; both contain '<', which can
        // only appear inside JSON strings, where \u003c means the same.
        json = json.replace("<", "\\u003c");
        StringBuilder title = new StringBuilder("kttcp4j report: ");
        for (int i = 0; i < files.size(); i++) {
            title.append(i == 0 ? "" : ", ").append(files.get(i).name());
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title.toString()) + "</title>\n"
                + "<style>\n" + css + "</style>\n"
                + "</head>\n<body>\n"
                + "<header><h1>kttcp4j report</h1><p id=\"subtitle\"></p></header>\n"
                + "<main id=\"main\"></main>\n"
                + "<footer id=\"footer\"></footer>\n"
                + "<script id=\"kttcp4j-data\" type=\"application/json\">" + json + "</script>\n"
                + "<script>/* Chart.js " + version + ", MIT License, https://www.chartjs.org */\n" + chartJs
                + "\n</script>\n"
                + (matrix == null ? "" : "<script>\n" + text("org/kttcp4j/results/matrix.js") + "</script>\n")
                + "<script>\n" + script + "</script>\n"
                + "</body>\n</html>\n";
    }

    static ObjectNode data(List<ResultFile> files, String generator, String chartJs) {
        return data(files, generator, chartJs, true);
    }

    static ObjectNode data(List<ResultFile> files, String generator, String chartJs, boolean compare) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generator", generator);
        root.put("chartjs", chartJs);
        root.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode results = root.putArray("results");
        for (ResultFile f : files) {
            ObjectNode r = results.addObject();
            r.put("name", f.name());
            r.put("tool", f.tool());
            ObjectNode settings = r.putObject("settings");
            for (Map.Entry<String, String> e : f.runs().get(0).settings().entrySet()) {
                settings.put(e.getKey(), e.getValue());
            }
            ArrayNode groups = r.putArray("groups");
            for (Map.Entry<RunKey, List<RecordedRun>> g : Comparison.group(f).entrySet()) {
                RunKey k = g.getKey();
                ObjectNode gn = groups.addObject();
                gn.put("label", k.label());
                gn.put("with", k.measuredWith() + " " + k.mode());
                gn.put("setup", k.setupLabel().isEmpty() ? "default settings" : k.setupLabel());
                gn.put("sockbuf", k.sockbuf());
                gn.put("parallel", k.parallel());
                gn.put("reverse", k.reverse());
                ArrayNode runs = gn.putArray("runs");
                for (RecordedRun run : g.getValue()) {
                    ObjectNode rn = runs.addObject();
                    num(rn, "gbits", run.gbits());
                    num(rn, "cpu", run.cpu());
                    rn.put("cpuCovers", run.cpuCovers() == null ? null : run.cpuCovers().label());
                    num(rn, "cpuUser", run.cpuUserPercent());
                    num(rn, "cpuSystem", run.cpuSystemPercent());
                    if (run.problem() != null) {
                        rn.put("problem", run.problem());
                    }
                    rn.put("t0", run.intervals().isEmpty() ? 0 : run.intervals().get(0).start());
                    ArrayNode t = rn.putArray("t");
                    ArrayNode sum = rn.putArray("sum");
                    ArrayNode streams = rn.putArray("streams");
                    int n = run.intervals().isEmpty() ? 0 : run.intervals().get(0).streamGbits().length;
                    for (int i = 0; i < n && n > 1; i++) {
                        streams.addArray();
                    }
                    for (RecordedRun.RecordedInterval in : run.intervals()) {
                        t.add(in.end());
                        sum.add(in.sumGbits());
                        for (int i = 0; i < n && n > 1 && i < in.streamGbits().length; i++) {
                            ((ArrayNode) streams.get(i)).add(in.streamGbits()[i]);
                        }
                    }
                    wire(rn, run);
                }
            }
        }
        if (compare && files.size() > 1) {
            ArrayNode comparisons = root.putArray("comparisons");
            for (int i = 1; i < files.size(); i++) {
                for (Metric m : Metric.values()) {
                    ObjectNode c = comparisons.addObject();
                    c.put("base", files.get(0).name());
                    c.put("new", files.get(i).name());
                    c.put("metric", m.unit());
                    c.put("higherIsBetter", m.higherIsBetter());
                    try {
                        Comparison.Outcome o = Comparison.compare(files.get(0), files.get(i), m, 5);
                        ArrayNode rows = c.putArray("rows");
                        for (Comparison.Row row : o.rows()) {
                            ObjectNode rn = rows.addObject();
                            rn.put("label", row.label());
                            rn.put("base", m.format(row.baseMedian()));
                            rn.put("baseRuns", row.base().length);
                            rn.put("new", m.format(row.newMedian()));
                            rn.put("newRuns", row.now().length);
                            num(rn, "change", row.change());
                            num(rn, "p", row.p());
                            rn.put("verdict", row.verdict().text());
                            rn.put("worse", row.verdict() == Comparison.Verdict.WORSE);
                        }
                        ArrayNode notes = c.putArray("notes");
                        o.notes().forEach(notes::add);
                    } catch (ResultException e) {
                        c.put("error", e.getMessage());
                    }
                }
            }
        }
        return root;
    }

    /**
     * The sending end's TCP_INFO figures, only for a run that has some: the retransmit total, and per interval
     * (beside "t") the retransmits, the mean cwnd in bytes and the mean RTT in microseconds, null where absent.
     */
    private static void wire(ObjectNode rn, RecordedRun run) {
        if (!run.hasWire()) {
            return;
        }
        num(rn, "retransmits", run.retransmits());
        ArrayNode retr = rn.putArray("retr");
        ArrayNode cwnd = rn.putArray("cwnd");
        ArrayNode rtt = rn.putArray("rtt");
        for (RecordedRun.RecordedInterval in : run.intervals()) {
            add(retr, in.retransmits());
            add(cwnd, in.cwndBytes());
            add(rtt, in.rttMicros());
        }
    }

    private static void add(ArrayNode a, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            a.addNull();
        } else {
            a.add(v);
        }
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static InputStream resource(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing from the class path: rebuild kttcp4j "
                    + "(mvn -B package)");
        }
        return in;
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
