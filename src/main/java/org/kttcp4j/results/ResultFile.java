package org.kttcp4j.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Json;
import org.kttcp4j.engine.Units;
import org.kttcp4j.measure.Line;
import org.kttcp4j.net.NetInterface;

/**
 * A result file read back: kttcp4j's --json (one run, or {"runs": [...], "summary": [...]} for --repeat and
 * socket-buffer sweeps) or iperf3's -J output (esnet/iperf's JSON: start, intervals, end). A file may hold several
 * such documents one after another (`iperf3 -J ... >> base.json` five times is a set of five repeats). Fields this
 * reader does not know are ignored, so newer writers stay readable. A JSON array of such documents is read as
 * its documents one after another. Each run is read into the result document's model ({@link Document}), the
 * same records kttcp4j writes it with.
 *
 * @param name the file's name as given, for tables
 * @param tool "kttcp4j" or "iperf3" (the first document's)
 * @param runs every run, in file order
 */
public record ResultFile(String name, String tool, List<RecordedRun> runs) {
    private static final ObjectMapper MAPPER = Json.mapper();
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

    private static String single(String name, JsonNode tree, List<RecordedRun> runs) {
        Document doc;
        try {
            doc = Json.run(tree);
        } catch (JsonProcessingException e) {
            throw new ResultException(name + ": not a result document (" + e.getOriginalMessage().replace('\n', ' ')
                    + "): " + FIX);
        }
        Document.Start start = doc.start() == null ? EMPTY_START : doc.start();
        Document.End end = doc.end() == null ? EMPTY_END : doc.end();
        String version = start.version() == null ? "" : start.version();
        String tool;
        if (version.startsWith("kttcp4j") || end.kttcp4j() != null) {
            tool = "kttcp4j";
        } else if (version.startsWith("iperf")) {
            tool = "iperf3";
        } else {
            throw new ResultException(name + ": neither a kttcp4j result nor iperf3's -J output (no \"start\" with a "
                    + "kttcp4j or iperf version): " + FIX);
        }
        if (doc.error() != null && end.sumSent() == null && end.sumReceived() == null) {
            throw new ResultException(name + ": " + tool + " reported an error and no result: " + doc.error()
                    + " (run it again)");
        }
        Document.EndSum headline = end.headline();
        if (headline == null || headline.bitsPerSecond() == null) {
            throw new ResultException(name + ": " + (tool.equals("iperf3") ? "an " : "a ") + tool + " document without end.sum_received or end.sum_sent "
                    + "(an interrupted run?): " + FIX);
        }
        runs.add(tool.equals("kttcp4j") ? kttcp4j(doc, start, end, headline) : iperf3(doc, start, end, headline));
        return tool;
    }

    private static final Document.Start EMPTY_START = new Document.Start(null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);
    private static final Document.End EMPTY_END = new Document.End(null, null, null, null, null, null, null, null,
            null, null);
    private static final Document.TestStart EMPTY_TEST = new Document.TestStart(null, 1, 0, 0, 0, 0, 0, 0, 0, null,
            null);

    private static Document.TestStart testStart(Document.Start start) {
        return start.testStart() == null ? EMPTY_TEST : start.testStart();
    }

    /**
     * kttcp4j's figures are the run's own (end.kttcp4j_run: what --expect-* and the text's run line judge): its
     * CPU is every process of the run, both in a loopback run in two processes; a file from before
     * end.kttcp4j_run falls back to its first end.
     */
    private static RecordedRun kttcp4j(Document doc, Document.Start start, Document.End end, Document.EndSum headline) {
        Document.TestStart ts = testStart(start);
        List<Document.KttcpEnd> ends = end.kttcp4j() == null ? List.of() : end.kttcp4j();
        Document.KttcpEnd first = ends.isEmpty() ? null : ends.get(0);
        String kernel = or(start.kernel(), "host");
        String mode = or(start.mode(), "?");
        String engine = or(ts.engine(), first == null ? null : first.engine(), "?");
        RunKey key = new RunKey("kttcp4j", mode, engine, or(ts.receiverEngine(), ts.engine(), "?"), kernelKind(kernel),
                start.sockBufsize() == null ? 0 : start.sockBufsize(), Math.max(1, ts.numStreams()), ts.reverse() != 0);
        Map<CpuCover, Double> cpu = new LinkedHashMap<>();
        Document.RunFigures figures = end.kttcp4jRun();
        if (figures != null) {
            put(cpu, covers(figures.cpuCovers(), mode), figures.cpuSecondsPerGb());
        } else if (first != null) {
            put(cpu, covers(null, mode), first.cpuSecondsPerGb());
        }
        String problem = null;
        for (Document.KttcpEnd e : ends) {
            if (e.partial() || e.error() != null) {
                problem = or(e.role(), "an end") + ": " + (e.error() != null ? e.error() : "partial transfer");
                break;
            }
        }
        Map<String, String> s = common(start, ts, "kttcp4j");
        s.put("kernel", kernel);
        if (first != null && first.engineDescription() != null) {
            s.put("engine", ts.engine() + " (" + first.engineDescription() + ")");
        }
        s.put("clock", first == null || first.clock() == null ? "-" : first.clock());
        congestion(s, end);
        s.put("CPU of", cpu.isEmpty() ? "-" : cpu.keySet().iterator().next().label()
                + (figures != null && figures.processes() != null ? " (" + figures.processes()
                + (figures.processes() == 1 ? " process)" : " processes)") : ""));
        if (start.iface() != null) { // #20: each end's interface, and the line
            start.iface().forEach((role, i) -> s.put(role + " interface", describe(i)));
        }
        Document.Line line = figures == null ? null : figures.line();
        String lineText = line == null ? null : Line.describe(line.bitsPerSecond(), line.mtu());
        if (line != null) {
            s.put("line", (line.percent() == null ? "" : String.format(Locale.ROOT, "%.1f %% of the line (", line.percent()))
                    + lineText + "; " + line.source() + ", " + line.framing() + " framing" + (line.percent() == null ? ""
                    : ")"));
        } else if (figures != null && figures.lineNone() != null) {
            s.put("line", "none: " + figures.lineNone());
        }
        Document.Cpu pct = end.cpuUtilizationPercent();
        return new RecordedRun(key, headline.bitsPerSecond() / 1e9, cpu, pct == null ? Double.NaN : nan(pct.hostUser()),
                pct == null ? Double.NaN : nan(pct.hostSystem()), intervals(doc), problem, s, retransmits(end),
                line == null || line.percent() == null ? Double.NaN : line.percent(), lineText);
    }

    /** An interface as the settings table shows it: "veth1 (driver veth), 10 Gbit/s, MTU 1500, offloads tso gso". */
    private static String describe(Document.Interface i) {
        return new NetInterface(or(i.name(), "?"), i.driver(), i.loopback(), i.speedBitsPerSecond(),
                i.mtu(), i.media(), i.offloadsEnabled(), i.offloadsAvailable(), i.notes()).describe();
    }

    /** Whose CPU kttcp4j_run's cpu_covers names ("this process: the sender", "both ends (two processes)"). */
    private static CpuCover covers(String text, String mode) {
        if (text != null) {
            if (text.contains("both ends")) {
                return CpuCover.BOTH;
            }
            if (text.contains("receiver") || text.contains("sender")) {
                return CpuCover.of(text.contains("sender"));
            }
        }
        return mode.equals("loopback") ? CpuCover.BOTH : CpuCover.of(!mode.equals("recv"));
    }

    /**
     * iperf3's CPU figures are percentages of the test's wall time, of the process that wrote the file (host_*)
     * and, in a client's file, of the server (remote_*, which the server sends the client at the end; a
     * server's file has 0 there: it is not told the client's). A client's file so has both ends (host_total +
     * remote_total over the run's seconds, per GB, as bench/iperf3.sh counts it) and each end alone; a server's
     * file its own end. The client is the sender, or the receiver with -R; with --bidir each process does both.
     */
    private static RecordedRun iperf3(Document doc, Document.Start start, Document.End end, Document.EndSum headline) {
        Document.TestStart ts = testStart(start);
        boolean server = start.acceptedConnection() != null;
        boolean bidir = ts.bidir() != 0;
        boolean reverse = ts.reverse() != 0;
        String mode = (server ? "server" : "client") + (bidir ? ", bidirectional" : "");
        RunKey key = new RunKey("iperf3", mode, "iperf3", "iperf3", "host", start.sockBufsize() == null ? 0
                : start.sockBufsize(), Math.max(1, ts.numStreams()), reverse);
        Document.Cpu pct = end.cpuUtilizationPercent();
        Map<CpuCover, Double> cpu = new LinkedHashMap<>();
        double user = Double.NaN;
        double system = Double.NaN;
        double gb = headline.bytes() / 1e9;
        if (pct != null && pct.hostTotal() != null && gb > 0) {
            double perGB = headline.seconds() / 100 / gb; // CPU s/GB per percent of the run's wall time
            boolean remote = !server && pct.remoteTotal() != null && pct.remoteTotal() > 0;
            CpuCover self = CpuCover.of(server == reverse); // the client sends unless -R; the server the other way
            if (remote) {
                cpu.put(CpuCover.BOTH, (pct.hostTotal() + pct.remoteTotal()) * perGB);
                if (!bidir) {
                    cpu.put(self, pct.hostTotal() * perGB);
                    cpu.put(self == CpuCover.SENDER ? CpuCover.RECEIVER : CpuCover.SENDER, pct.remoteTotal() * perGB);
                }
                user = nan(pct.hostUser()) + (pct.remoteUser() == null ? 0 : pct.remoteUser());
                system = nan(pct.hostSystem()) + (pct.remoteSystem() == null ? 0 : pct.remoteSystem());
            } else if (!bidir) {
                cpu.put(self, pct.hostTotal() * perGB);
                user = nan(pct.hostUser());
                system = nan(pct.hostSystem());
            }
        }
        Map<String, String> s = common(start, ts, "iperf3");
        s.put("kernel", "host");
        s.put("engine", "iperf3 (read/write through a user buffer)");
        congestion(s, end);
        s.put("CPU of", cpu.isEmpty() ? "-" : cpu.keySet().iterator().next().label()
                + (cpu.containsKey(CpuCover.BOTH) ? " (client + server)" : server ? " (the server)" : " (the client)"));
        return new RecordedRun(key, headline.bitsPerSecond() / 1e9, cpu, user, system, intervals(doc), null, s,
                retransmits(end));
    }

    /** The congestion control the connections ran (-C), as both tools name it in "end". */
    private static void congestion(Map<String, String> s, Document.End end) {
        String cc = or(end.senderTcpCongestion(), end.receiverTcpCongestion(), null);
        if (cc != null) {
            s.put("congestion control", cc);
        }
    }

    private static void put(Map<CpuCover, Double> cpu, CpuCover cover, Double v) {
        if (v != null && Double.isFinite(v)) {
            cpu.put(cover, v);
        }
    }

    private static Map<String, String> common(Document.Start start, Document.TestStart ts, String tool) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("tool", or(start.version(), tool));
        s.put("host", or(start.systemInfo(), "-"));
        String peer = start.connectingTo() != null ? start.connectingTo().host()
                : start.acceptedConnection() != null ? start.acceptedConnection().host()
                : start.connected() != null && !start.connected().isEmpty() ? start.connected().get(0).remoteHost() : "-";
        String mode = start.mode() != null ? start.mode() : start.acceptedConnection() != null ? "server" : "client";
        s.put("mode", mode + " (peer " + peer + ")");
        long timesecs = start.timestamp() == null ? 0 : start.timestamp().timesecs();
        if (timesecs > 0) {
            s.put("time", Instant.ofEpochSecond(timesecs).toString());
        }
        double duration = ts.duration();
        long bytes = ts.bytes();
        // a receiver asks for "until the sender closes": kttcp4j writes Long.MAX_VALUE there
        s.put("amount", duration > 0 ? fmt(duration) + " s" : bytes == Long.MAX_VALUE ? "until the sender closes"
                : bytes > 0 ? bytes + " bytes" : "-");
        s.put("write size", ts.blksize() > 0 ? Units.binary(ts.blksize()) : "-");
        s.put("streams", Integer.toString(Math.max(1, ts.numStreams())));
        s.put("reverse", ts.reverse() != 0 ? "yes" : "no");
        long sockbuf = start.sockBufsize() == null ? 0 : start.sockBufsize();
        s.put("socket buffers", (sockbuf > 0 ? "asked " + Units.binary(sockbuf) : "default") + ", set send "
                + or(start.sndbufActual(), "?") + " receive " + or(start.rcvbufActual(), "?"));
        return s;
    }

    @SafeVarargs
    private static <T> T or(T... choices) {
        for (T c : choices) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static String or(Integer v, String otherwise) {
        return v == null ? otherwise : v.toString();
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

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /**
     * The intervals of the role whose figures the file holds: kttcp4j writes the metered role's; iperf3's client
     * writes its own side's. Each interval's sum and streams, in Gbit/s; and the sending end's TCP_INFO figures
     * where the file has them, under iperf3's names in both tools' files: intervals[].sum.retransmits (else the
     * streams' retransmits summed), intervals[].streams[].snd_cwnd (bytes) and .rtt (microseconds), averaged
     * over the streams. A receiving end's streams ("sender": false) are not read for them: what the wire did is
     * the sender's figure. A field no stream has stays NaN, never 0.
     */
    private static List<RecordedRun.RecordedInterval> intervals(Document doc) {
        List<RecordedRun.RecordedInterval> out = new ArrayList<>();
        for (Document.Interval in : doc.intervals() == null ? List.<Document.Interval>of() : doc.intervals()) {
            Document.IntervalSum sum = in.sum();
            if (sum == null || sum.bitsPerSecond() == null) {
                continue;
            }
            List<Document.IntervalSum> streams = in.streams() == null ? List.of() : in.streams();
            double[] per = new double[streams.size()];
            double retr = sum.sending() ? (sum.retransmits() == null ? Double.NaN : sum.retransmits()) : Double.NaN;
            double retrStreams = Double.NaN;
            double cwnd = 0;
            double rtt = 0;
            int cwnds = 0;
            int rtts = 0;
            for (int i = 0; i < per.length; i++) {
                Document.IntervalSum st = streams.get(i);
                per[i] = st.bitsPerSecond() == null ? 0 : st.bitsPerSecond() / 1e9;
                if (!st.sending()) {
                    continue;
                }
                if (st.retransmits() != null) {
                    retrStreams = Double.isNaN(retrStreams) ? st.retransmits() : retrStreams + st.retransmits();
                }
                if (st.sndCwnd() != null) {
                    cwnd += st.sndCwnd();
                    cwnds++;
                }
                if (st.rtt() != null) {
                    rtt += st.rtt();
                    rtts++;
                }
            }
            out.add(new RecordedRun.RecordedInterval(sum.start(), sum.end(), sum.bitsPerSecond() / 1e9, per,
                    Double.isNaN(retr) ? retrStreams : retr, cwnds == 0 ? Double.NaN : cwnd / cwnds,
                    rtts == 0 ? Double.NaN : rtt / rtts));
        }
        return List.copyOf(out);
    }

    /** The sending end's retransmits over the run (end.sum_sent.retransmits, both tools), or NaN. */
    private static double retransmits(Document.End end) {
        return end.sumSent() == null || end.sumSent().retransmits() == null ? Double.NaN : end.sumSent().retransmits();
    }

}
