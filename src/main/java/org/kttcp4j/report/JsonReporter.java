package org.kttcp4j.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Json;
import org.kttcp4j.document.SeriesStream;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.measure.Line;

/**
 * --json (and --output FILE): one document per run as it ends (a server's runs: one document after another); a
 * series (or a run that ended early, stopped or failed before any run finished) as one document with its runs
 * and statistics at the end. Each run is written when it ends and then forgotten: a series' document is written
 * piece by piece ({@link SeriesStream}), so memory does not grow with the runs, and the statistics come from
 * the summary event. To stdout the pieces go as they come (the document is whole once the series ends); to a
 * file ({@link #toFile}) each run is committed with the text that closes the document after it
 * ({@link CheckpointFile}), so the file is a whole document between runs, whatever happens to the process.
 */
public final class JsonReporter implements RunListener, Closeable {
    /** Where the text goes: each part, and the text that would close the document after it. */
    private interface Sink {
        void append(String part, String closing);
    }

    private final Sink sink;
    private final Closeable file;
    private final String version;
    private final SeriesStream series = new SeriesStream();
    private List<SummaryRow> summary = List.of();
    private Run run;
    private int documents;
    private Line.Rate lineRate;

    /** --line-rate: the speed (and framing) each run's line is of; null for the interface's own. */
    public JsonReporter lineRate(Line.Rate rate) {
        this.lineRate = rate;
        return this;
    }

    /** To a stream (stdout): each part written and flushed as it comes. */
    public JsonReporter(Writer out, String version) {
        this((part, closing) -> {
            try {
                out.write(part);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null, version);
    }

    private JsonReporter(Sink sink, Closeable file, String version) {
        this.sink = sink;
        this.file = file;
        this.version = version;
    }

    /**
     * To a file, emptied now and whole after every run; close it at the end.
     *
     * @param what names the file in a write error's line, as the user gave it ("--output k.json")
     */
    public static JsonReporter toFile(Path file, String what, String version) {
        CheckpointFile f = new CheckpointFile(file, what);
        return new JsonReporter(f::commit, f, version);
    }

    @Override
    public synchronized void started(Run run, String engineDescription) {
        this.run = run;
        if (run.series()) {
            begin();
        }
    }

    private void begin() {
        if (!series.begun()) {
            sink.append(series.begin(), SeriesStream.between());
        }
    }

    @Override
    public synchronized void runEnded(RunResult r) {
        Document doc = JsonDocument.of(r, version, lineRate);
        if (r.run().series()) {
            begin();
            sink.append(series.run(doc), SeriesStream.between());
        } else {
            sink.append(Json.document(doc), "");
        }
        documents++;
    }

    @Override
    public synchronized void summary(List<SummaryRow> rows) {
        summary = rows;
    }

    @Override
    public synchronized void finished(Results results) {
        Run r = run != null ? run : results.run();
        if (r.series() || documents == 0) {
            begin();
            sink.append(series.end(JsonDocument.summary(summary), results.stoppedBy(), results.error().orElse(null)), "");
        }
    }

    /** Closes the file (nothing for a stream: stdout is the caller's). */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
