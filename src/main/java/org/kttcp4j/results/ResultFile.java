package org.kttcp4j.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kttcp4j.engine.Units;

/**
 * A result file read back: kttcp4j's --json (one run, or {"runs": [...], "summary": [...]} for --repeat and
 * socket-buffer sweeps) or iperf3's -J output (esnet/iperf's JSON: start, intervals, end). A file may hold several
 * such documents one after another (`iperf3 -J ... >> base.json` five times is a set of five repeats). Fields this
 * reader does not know are ignored, so newer writers stay readable. A JSON array of such documents is read as
 * its documents one after another.
 *
 * @param name the file's name as given, for tables
 * @param tool "kttcp4j" or "iperf3" (the first document's)
 * @param runs every run, in file order
 */
public record ResultFile(String name, String tool, List<RecordedRun> runs) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIX = "give a file written by kttcp4j --json (or --output) or by iperf3 -J";

    public static ResultFile read(Path path) {
        String name = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ResultException(name + ": no such file: " + FIX);
        } catch (IOException e) {
            throw new ResultException(name + ": cannot read it (" + e.getMessage() + ")");
        }
        return parse(name, text);
    }

    public static ResultFile parse(String name, String text) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            if (text.stripLeading().startsWith("[")) {
                // a JSON array of result documents (what a script collecting runs may write): each one a result
                JsonNode array = MAPPER.readTree(text);
                for (JsonNode d : array) {
                    if (!d.isObject()) {
                        throw new ResultException(name + ": a JSON array of " + type(d) + "s, not of results: " + FIX);
                    }
                    docs.add(d);
                }
            } else {
                try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
                    while (it.hasNextValue()) {
                        docs.add(it.nextValue());
                    }
                }
            }
        } catch (ResultException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new ResultException(name + ": not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().replace('\n', ' ') + "): " + FIX);
        } catch (IOException | RuntimeException e) {
            throw new ResultException(name + ": not JSON (" + e.getMessage() + "): " + FIX);
        }
        if (docs.isEmpty()) {
            throw new ResultException(name + ": empty: " + FIX);
        }
        List<RecordedRun> runs = new ArrayList<>();
        String tool = null;
        for (JsonNode doc : docs) {
            String t = document(name, doc, runs);
            tool = tool == null ? t : tool;
        }
        return new ResultFile(name, tool, List.copyOf(runs));
    }

    /** Adds the runs of one top-level document; returns its tool. */
    private static String document(String name, JsonNode doc, List<RecordedRun> runs) {
        if (!doc.isObject()) {
            throw new ResultException(name + ": a JSON " + type(doc) + ", not a result: " + FIX);
        }
        if (doc.has("event")) {
            throw new ResultException(name + ": --json-stream events, not a result document: " + FIX);
        }
        if (doc.has("runs")) {
            JsonNode list = doc.get("runs");
            if (!list.isArray() || list.isEmpty()) {
                throw new ResultException(name + ": \"runs\" holds no runs: " + FIX);
            }
            String tool = null;
            for (JsonNode r : list) {
                String t = single(name, r, runs);
                tool = tool == null ? t : tool;
            }
            return tool;
        }
        return single(name, doc, runs);
    }

    private static String single(String name, JsonNode doc, List<RecordedRun> runs) {
        JsonNode start = doc.path("start");
        JsonNode end = doc.path("end");
        String version = start.path("version").asText("");
        String tool;
        if (version.startsWith("kttcp4j") || end.has("kttcp4j")) {
            tool = "kttcp4j";
        } else if (version.startsWith("iperf")) {
            tool = "iperf3";
        } else {
            throw new ResultException(name + ": neither a kttcp4j result nor iperf3's -J output (no \"start\" with a "
                    + "kttcp4j or iperf version): " + FIX);
        }
        if (doc.hasNonNull("error") && !end.has("sum_sent") && !end.has("sum_received")) {
            throw new ResultException(name + ": " + tool + " reported an error and no result: "
                    + doc.get("error").asText() + " (run it again)");
        }
        JsonNode headline = end.has("sum_received") ? end.get("sum_received") : end.path("sum_sent");
        if (!headline.has("bits_per_second")) {
            throw new ResultException(name + ": " + (tool.equals("iperf3") ? "an " : "a ") + tool + " document without end.sum_received or end.sum_sent "
                    + "(an interrupted run?): " + FIX);
        }
        runs.add(tool.equals("kttcp4j") ? kttcp4j(doc, headline) : iperf3(doc, headline));
        return tool;
    }

    private static RecordedRun kttcp4j(JsonNode doc, JsonNode headline) {
        JsonNode start = doc.path("start");
        JsonNode ts = start.path("test_start");
        JsonNode ends = doc.path("end").path("kttcp4j");
        JsonNode first = ends.path(0);
        String kernel = start.path("kernel").asText("host");
        RunKey key = new RunKey("kttcp4j", start.path("mode").asText("?"), ts.path("engine").asText(first.path("engine").asText("?")),
                ts.path("receiver_engine").asText(ts.path("engine").asText("?")), kernelKind(kernel),
                start.path("sock_bufsize").asLong(0), ts.path("num_streams").asInt(1), ts.path("reverse").asInt(0) != 0);
        double cpu = first.has("cpu_seconds_per_gb") ? first.get("cpu_seconds_per_gb").asDouble() : Double.NaN;
        String problem = null;
        for (JsonNode e : ends) {
            if (e.path("partial").asBoolean(false) || e.hasNonNull("error")) {
                problem = e.path("role").asText("an end") + ": " + (e.hasNonNull("error") ? e.get("error").asText()
                        : "partial transfer");
                break;
            }
        }
        Map<String, String> s = common(doc, "kttcp4j");
        s.put("kernel", kernel);
        if (first.has("engine_description")) {
            s.put("engine", ts.path("engine").asText() + " (" + first.get("engine_description").asText() + ")");
        }
        s.put("clock", first.path("clock").asText("-"));
        return new RecordedRun(key, headline.get("bits_per_second").asDouble() / 1e9, cpu, percent(doc, "host_user"),
                percent(doc, "host_system"), intervals(doc), problem, s, retransmits(doc));
    }

    /**
     * iperf3's CPU figures are percentages of the test's wall time, of the client (host_*) and of the server
     * (remote_*); CPU s/GB adds both when the server's is there, as bench/iperf3.sh does, so that it counts both
     * ends as a kttcp4j loopback run (one process) does.
     */
    private static RecordedRun iperf3(JsonNode doc, JsonNode headline) {
        JsonNode start = doc.path("start");
        JsonNode ts = start.path("test_start");
        String mode = ts.path("bidir").asInt(0) != 0 ? "client, bidirectional" : "client";
        RunKey key = new RunKey("iperf3", mode, "iperf3", "iperf3", "host", start.path("sock_bufsize").asLong(0),
                ts.path("num_streams").asInt(1), ts.path("reverse").asInt(0) != 0);
        JsonNode cpu = doc.path("end").path("cpu_utilization_percent");
        double cpuPerGB = Double.NaN;
        double gb = headline.path("bytes").asDouble(0) / 1e9;
        if (cpu.has("host_total") && gb > 0) {
            double pct = cpu.get("host_total").asDouble() + cpu.path("remote_total").asDouble(0);
            cpuPerGB = pct / 100 * headline.path("seconds").asDouble(0) / gb;
        }
        Map<String, String> s = common(doc, "iperf3");
        s.put("kernel", "host");
        s.put("engine", "iperf3 (read/write through a user buffer)");
        if (doc.path("end").has("sender_tcp_congestion")) {
            s.put("congestion control", doc.path("end").path("sender_tcp_congestion").asText());
        }
        return new RecordedRun(key, headline.get("bits_per_second").asDouble() / 1e9, cpuPerGB, percent(doc, "host_user"),
                percent(doc, "host_system"), intervals(doc), null, s, retransmits(doc));
    }

    private static Map<String, String> common(JsonNode doc, String tool) {
        JsonNode start = doc.path("start");
        JsonNode ts = start.path("test_start");
        Map<String, String> s = new LinkedHashMap<>();
        s.put("tool", start.path("version").asText(tool));
        s.put("host", start.path("system_info").asText("-"));
        String peer = start.path("connecting_to").path("host").asText(start.path("connected").path(0).path("remote_host").asText("-"));
        s.put("mode", start.path("mode").asText("client") + " (peer " + peer + ")");
        long timesecs = start.path("timestamp").path("timesecs").asLong(0);
        if (timesecs > 0) {
            s.put("time", java.time.Instant.ofEpochSecond(timesecs).toString());
        }
        double duration = ts.path("duration").asDouble(0);
        long bytes = ts.path("bytes").asLong(0);
        // a receiver asks for "until the sender closes": kttcp4j writes Long.MAX_VALUE there
        s.put("amount", duration > 0 ? fmt(duration) + " s" : bytes == Long.MAX_VALUE ? "until the sender closes"
                : bytes > 0 ? bytes + " bytes" : "-");
        s.put("write size", ts.has("blksize") ? Units.binary(ts.get("blksize").asLong()) : "-");
        s.put("streams", ts.path("num_streams").asText("1"));
        s.put("reverse", ts.path("reverse").asInt(0) != 0 ? "yes" : "no");
        long sockbuf = start.path("sock_bufsize").asLong(0);
        s.put("socket buffers", (sockbuf > 0 ? "asked " + Units.binary(sockbuf) : "default") + ", set send "
                + start.path("sndbuf_actual").asText("?") + " receive " + start.path("rcvbuf_actual").asText("?"));
        return s;
    }

    private static String type(JsonNode n) {
        return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String kernelKind(String kernel) {
        int colon = kernel.indexOf(':');
        return colon < 0 ? kernel : kernel.substring(0, colon);
    }

    private static double percent(JsonNode doc, String field) {
        JsonNode n = doc.path("end").path("cpu_utilization_percent").path(field);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /**
     * The intervals of the role whose figures the file holds: kttcp4j writes the metered role's; iperf3's client
     * writes its own side's. Each interval's sum and streams, in Gbit/s; and the sending end's TCP_INFO figures
     * where the file has them, under iperf3's names in both tools' files: intervals[].sum.retransmits (else the
     * streams' retransmits summed), intervals[].streams[].snd_cwnd (bytes) and .rtt (microseconds), averaged
     * over the streams. A receiving end's streams ("sender": false) are not read for them: what the wire did is
     * the sender's figure. A field no stream has stays NaN, never 0.
     */
    private static List<RecordedRun.RecordedInterval> intervals(JsonNode doc) {
        List<RecordedRun.RecordedInterval> out = new ArrayList<>();
        for (JsonNode in : doc.path("intervals")) {
            JsonNode sum = in.path("sum");
            if (!sum.has("bits_per_second")) {
                continue;
            }
            JsonNode streams = in.path("streams");
            double[] per = new double[streams.size()];
            double retr = sending(sum) ? number(sum, "retransmits") : Double.NaN;
            double retrStreams = Double.NaN;
            double cwnd = 0;
            double rtt = 0;
            int cwnds = 0;
            int rtts = 0;
            for (int i = 0; i < per.length; i++) {
                JsonNode st = streams.get(i);
                per[i] = st.path("bits_per_second").asDouble() / 1e9;
                if (!sending(st)) {
                    continue;
                }
                double r = number(st, "retransmits");
                if (!Double.isNaN(r)) {
                    retrStreams = Double.isNaN(retrStreams) ? r : retrStreams + r;
                }
                double c = number(st, "snd_cwnd");
                if (!Double.isNaN(c)) {
                    cwnd += c;
                    cwnds++;
                }
                double t = number(st, "rtt");
                if (!Double.isNaN(t)) {
                    rtt += t;
                    rtts++;
                }
            }
            out.add(new RecordedRun.RecordedInterval(sum.path("start").asDouble(), sum.path("end").asDouble(),
                    sum.get("bits_per_second").asDouble() / 1e9, per, Double.isNaN(retr) ? retrStreams : retr,
                    cwnds == 0 ? Double.NaN : cwnd / cwnds, rtts == 0 ? Double.NaN : rtt / rtts));
        }
        return List.copyOf(out);
    }

    /** A stream or sum object of the sending end: "sender" true, or no "sender" field (older writers). */
    private static boolean sending(JsonNode n) {
        return n.path("sender").asBoolean(true);
    }

    /** The field's number, or NaN when it is absent or not a number (never 0 for a figure the file lacks). */
    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** The sending end's retransmits over the run (end.sum_sent.retransmits, both tools), or NaN. */
    private static double retransmits(JsonNode doc) {
        return number(doc.path("end").path("sum_sent"), "retransmits");
    }

    static {
        MAPPER.configure(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);
    }
}
