package org.kttcp4j.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.kttcp4j.report.LineFigure;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Mode;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.report.Thresholds;
import org.kttcp4j.report.CheckpointFile;

/**
 * --junit FILE: the runs as JUnit XML, the format CI systems show as tests (the Ant JUnit task's
 * TEST-*.xml: testsuite, testcase, failure, error, skipped, system-out). One testsuite; one testcase per run, or
 * with a series (--repeat, a socket-buffer sweep) one per size, judged by its medians. A missed threshold is a
 * {@code failure} whose message has the figures; a run that failed (or a series that ended by an error) is an
 * {@code error}; a run stopped by a signal is {@code skipped}. Each testcase's system-out is the text report of
 * what it covers (at most {@link #MAX_OUT} characters of it). Each testcase is added to the file as soon as it
 * is known and the suite's counts brought up to date ({@link CheckpointFile}): the file is whole from the start
 * and after every testcase, and nothing of a testcase is kept once it is written, so a server (recv --serve)
 * that runs for days keeps the file current in bounded memory. XML is written with the JDK's StAX writer,
 * which escapes what XML needs.
 */
public final class JUnitReporter implements RunListener, Closeable {
    /** The most system-out one testcase keeps (a series of thousands of runs has a line per run). */
    static final int MAX_OUT = 256 * 1024;
    private static final String TAIL = "\n</testsuite>\n";

    private final Path path;
    private final Thresholds thresholds;
    private final String version;
    private final StringWriter text = new StringWriter();
    private final TextReporter textReporter = new TextReporter(new PrintWriter(text, true));
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private CheckpointFile file;
    private Run run;
    private Instant first;
    private int tests;
    private int failures;
    private int errors;
    private int skipped;
    private double seconds;
    private int runsEnded;

    /** A testcase: failure and error are null when none; skipped is why a run was stopped. */
    private record Case(String name, String classname, double seconds, String failure, String failureText,
            String error, String skipped, String out) {}

    /** A size of a series, until its summary row comes: what its testcase needs, not its runs. */
    private static final class Pending {
        final StringBuilder out = new StringBuilder();
        int runs;
        long wallNanos;
        String failure; // the first failed run's, "run 2 of N" told when N is known
        int failedIndex;
        String firstStopped; // why the first run was stopped, if it was
        boolean any;
        final List<Double> linePercents = new java.util.ArrayList<>(); // --expect-line's median (#20)

        void out(String s) {
            if (out.length() < MAX_OUT) {
                out.append(s, 0, Math.min(s.length(), MAX_OUT - out.length()));
                if (out.length() == MAX_OUT) {
                    out.append("\n(the rest of this series' text is left out: ").append(MAX_OUT)
                            .append(" characters are kept)\n");
                }
            }
        }
    }

    public JUnitReporter(Path file, Thresholds thresholds, String version) {
        this.path = file;
        this.thresholds = thresholds;
        this.version = version;
    }

    @Override
    public synchronized void started(Run run, String engineDescription) {
        this.run = run;
        textReporter.started(run, engineDescription);
        open();
    }

    @Override
    public synchronized void runStarted(Run run, int sockbuf, int index) {
        textReporter.runStarted(run, sockbuf, index);
        if (first == null) {
            first = Instant.now();
        }
    }

    @Override
    public synchronized void interval(Interval in) {
        textReporter.interval(in);
    }

    @Override
    public synchronized void runEnded(RunResult r) {
        runsEnded++;
        textReporter.runEnded(r);
        String out = drain();
        if (r.run().series()) {
            Pending p = pending.computeIfAbsent(r.sockbuf(), k -> new Pending());
            p.out(out);
            p.runs++;
            p.wallNanos += r.wallNanos();
            if (thresholds.minLinePercent() != null && !r.failed() && r.stopped().isEmpty()) {
                Double pct = LineFigure.of(r, thresholds.lineRate()).percent();
                if (pct != null) {
                    p.linePercents.add(pct);
                }
            }
            if (p.failure == null && r.failed()) {
                p.failure = failure(r);
                p.failedIndex = r.index();
            }
            if (!p.any) {
                p.firstStopped = r.stopped().orElse(null);
                p.any = true;
            }
            return;
        }
        String name = name(r.run(), r.sockbuf(), null);
        double seconds = r.wallNanos() / 1e9;
        if (r.stopped().isPresent()) {
            add(new Case(name, classname(r.run()), seconds, null, null, null, "stopped by "
                    + r.stopped().get(), out));
        } else if (r.failed()) {
            add(new Case(name, classname(r.run()), seconds, null, null, failure(r), null, out));
        } else {
            List<String> misses = thresholds.misses(r);
            add(new Case(name, classname(r.run()), seconds, misses.isEmpty() ? null : String.join("; ", misses),
                    figures(r.figures(), r.cpuCovers()), null, null, out));
        }
    }

    @Override
    public synchronized void summary(List<SummaryRow> rows) {
        boolean sweep = run.sockbufs().size() > 1;
        for (SummaryRow row : rows) {
            textReporter.summary(List.of(row));
            Pending p = pending.remove(row.sockbuf());
            String out = (p == null ? "" : p.out.toString()) + drain();
            String name = name(run, row.sockbuf(), row.runs());
            String error = p == null || p.failure == null ? null
                    : "run " + p.failedIndex + " of " + p.runs + ": " + p.failure;
            List<String> misses = thresholds.misses(row, sweep, p == null ? List.of() : p.linePercents);
            add(new Case(name, classname(run), p == null ? 0 : p.wallNanos / 1e9,
                    misses.isEmpty() ? null : String.join("; ", misses), summaryFigures(row), error, null, out));
        }
    }

    @Override
    public synchronized void finished(Results results) {
        if (run == null) {
            run = results.run();
        }
        open();
        // sizes of a series with no complete run (no summary row): each is an error, or skipped when stopped
        for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            String name = name(run, e.getKey(), 0);
            String out = p.out.toString();
            if (p.failure != null) {
                add(new Case(name, classname(run), p.wallNanos / 1e9, null, null, p.failure, null, out));
            } else {
                add(new Case(name, classname(run), p.wallNanos / 1e9, null, null, null, "stopped by "
                        + (p.firstStopped == null ? "a signal" : p.firstStopped), out));
            }
        }
        pending.clear();
        String rest = drain();
        results.error().ifPresent(e -> add(new Case(name(run, run.sockbufs().get(0), null), classname(run), 0,
                null, null, e, null, rest)));
        // stopped before any run (Ctrl-C while connecting); a server stopped between runs has nothing to add
        if (results.error().isEmpty() && results.stopped().isPresent() && runsEnded == 0 && !run.serve()) {
            add(new Case(name(run, run.sockbufs().get(0), null), classname(run), 0, null, null, null,
                    "stopped by " + results.stopped().get(), rest));
        }
    }

    /** The file with its suite and no testcase yet, once the run is known. */
    private void open() {
        if (file == null) {
            file = new CheckpointFile(path, "--junit " + path);
            file.commit(head(), "", TAIL);
        }
    }

    /** Adds a testcase to the file (and the suite's counts); nothing of it is kept. */
    private void add(Case c) {
        open();
        tests++;
        failures += c.failure() != null && c.error() == null ? 1 : 0;
        errors += c.error() != null ? 1 : 0;
        skipped += c.skipped() != null ? 1 : 0;
        seconds += c.seconds();
        file.commit(head(), testcase(c), TAIL);
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --junit " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** "loopback user sockbuf 65536, 2 streams (median of 3 runs)"; a name already used gets " #2". */
    private String name(Run r, int sockbuf, Integer runs) {
        StringBuilder b = new StringBuilder(r.mode().label()).append(' ').append(r.engine());
        if (r.mode() == Mode.LOOPBACK && r.receiverEngineKind() != r.engineKind()) {
            b.append('/').append(r.receiverEngine());
        }
        if (r.reverse()) {
            b.append(" reverse");
        }
        b.append(" sockbuf ").append(sockbuf == 0 ? "default" : Integer.toString(sockbuf));
        if (r.parallel() > 1) {
            b.append(", ").append(r.parallel()).append(" streams");
        }
        if (runs != null) {
            b.append(" (").append(runs == 0 ? "no complete run" : "median of " + runs + " run" + (runs == 1 ? "" : "s"))
                    .append(')');
        }
        String name = b.toString();
        int n = names.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + " #" + n;
    }

    private static String classname(Run r) {
        return "kttcp4j." + r.mode().label() + "." + r.kernelName().replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String failure(RunResult r) {
        return r.sides().stream().filter(SideResult::failed).findFirst()
                .map(s -> s.role().label() + (r.run().parallel() > 1 ? " stream " + s.stream() : "") + " failed: "
                        + (s.error() != null ? s.error() : "partial transfer, " + s.transfer().bytes() + " of "
                        + s.transfer().requested() + " bytes"))
                .orElse("failed");
    }

    private static String figures(Figures f, String cpuCovers) {
        return "Gbit/s " + value(f.bitsPerSecond().isPresent() ? OptionalDouble.of(f.gbits()) : OptionalDouble.empty())
                + ", CPU s/GB " + value(f.cpuSecondsPerGB()) + ", CPU " + value(f.cpuPercent()) + " % (" + cpuCovers + ")";
    }

    private static String summaryFigures(SummaryRow row) {
        return row.runs() + " runs: Gbit/s " + stats(row.gbits()) + "; CPU s/GB " + stats(row.cpuPerGB());
    }

    private static String stats(Stats s) {
        return s == null ? "not measured" : String.format(Locale.ROOT, "min %.3f median %.3f max %.3f stddev %.3f",
                s.min(), s.median(), s.max(), s.stddev());
    }

    private static String value(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "not measured";
    }

    private String drain() {
        StringBuffer b = text.getBuffer();
        String s = b.toString();
        b.setLength(0);
        return s;
    }

    /** The document's head: the declaration, the suite's start with its counts, its properties. */
    private String head() {
        return piece(x -> {
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "kttcp4j " + (run == null ? "" : run.mode().label()));
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", Integer.toString(errors));
            x.writeAttribute("skipped", Integer.toString(skipped));
            x.writeAttribute("time", seconds(seconds));
            x.writeAttribute("timestamp", LocalDateTime.ofInstant(first == null ? Instant.now() : first, ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).toString());
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "version", version);
            if (run != null) {
                property(x, "mode", run.mode().label());
                property(x, "engine", run.engine());
                property(x, "receiver_engine", run.mode() == Mode.LOOPBACK ? run.receiverEngine() : null);
                property(x, "kernel", run.kernelName());
                property(x, "expect_gbits", thresholds.minGbits() == null ? null
                        : Thresholds.plain(thresholds.minGbits()));
                property(x, "expect_cpu_per_gb", thresholds.maxCpuPerGB() == null ? null
                        : Thresholds.plain(thresholds.maxCpuPerGB()));
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
        });
    }

    /** One testcase, as the suite's next child. */
    private static String testcase(Case c) {
        return piece(x -> {
            x.writeCharacters("\n  ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", xml(c.name()));
            x.writeAttribute("classname", c.classname());
            x.writeAttribute("time", seconds(c.seconds()));
            if (c.error() != null) {
                x.writeCharacters("\n    ");
                x.writeStartElement("error");
                x.writeAttribute("message", xml(c.error()));
                x.writeAttribute("type", "run failed");
                x.writeCharacters(xml(c.error()));
                x.writeEndElement();
            } else if (c.failure() != null) {
                x.writeCharacters("\n    ");
                x.writeStartElement("failure");
                x.writeAttribute("message", xml(c.failure()) + "; " + c.failureText());
                x.writeAttribute("type", "threshold");
                x.writeCharacters(xml(c.failure()) + "\n" + xml(c.failureText()));
                x.writeEndElement();
            } else if (c.skipped() != null) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", xml(c.skipped()));
            }
            if (!c.out().isEmpty()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(xml(c.out()));
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
        });
    }

    private interface Xml {
        void write(XMLStreamWriter x) throws XMLStreamException;
    }

    /** What body writes, as text: a piece of the document (StAX keeps no state between pieces). */
    private static String piece(Xml body) {
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            body.write(x);
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write --junit: " + e.getMessage(), e);
        }
        return w.toString();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeCharacters("\n    ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", xml(value));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /**
     * Text without the characters XML 1.0 cannot hold at all (control characters other than tab, newline and
     * carriage return; XML 1.0 section 2.2, "Char"): StAX escapes markup but would write these as they are.
     */
    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            b.appendCodePoint(ok ? c : 0xFFFD);
        });
        return b.toString();
    }
}
