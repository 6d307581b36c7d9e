package org.kttcp4j.report;

import java.io.Writer;
import java.util.List;
import org.kttcp4j.document.Event;
import org.kttcp4j.document.Json;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.measure.Line;

/**
 * --json-stream: one {@link Event} per line, {"event": ..., "data": {...}}, as iperf3 3.17's --json-stream:
 * "start" before each run, "interval" as each closes, "end" with the whole run; then kttcp4j's "summary" after
 * a series, and "error" or "stopped" when the whole thing ended early. Nothing is kept between events.
 */
public final class JsonStreamReporter implements RunListener {
    private final Writer out;
    private final String version;
    private Run run;
    private Line.Rate lineRate;

    /** --line-rate: the speed (and framing) each run's line is of; null for the interface's own. */
    public JsonStreamReporter lineRate(Line.Rate rate) {
        this.lineRate = rate;
        return this;
    }

    public JsonStreamReporter(Writer out, String version) {
        this.out = out;
        this.version = version;
    }

    @Override
    public void runStarted(Run run, int sockbuf, int index) {
        this.run = run;
        Json.event(out, Event.start(JsonDocument.start(run, null, version)));
    }

    @Override
    public void interval(Interval in) {
        Json.event(out, Event.interval(JsonDocument.interval(in, run)));
    }

    @Override
    public void runEnded(RunResult r) {
        Json.event(out, Event.end(JsonDocument.ended(r, version, lineRate)));
    }

    @Override
    public void summary(List<SummaryRow> rows) {
        Json.event(out, Event.summary(JsonDocument.summary(rows)));
    }

    /** How a run that ended early ended: "error" (as iperf3's event) or "stopped" (a signal). */
    @Override
    public void finished(Results results) {
        results.error().ifPresent(e -> Json.event(out, Event.error(e)));
        results.stopped().ifPresent(s -> Json.event(out, Event.stopped(s)));
    }
}
