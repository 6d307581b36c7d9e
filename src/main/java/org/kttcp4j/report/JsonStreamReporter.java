package org.kttcp4j.report;

import java.io.Writer;
import java.util.List;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;

/**
 * --json-stream: one event per line, {"event": ..., "data": {...}}, as iperf3 3.17's --json-stream:
 * "start" before each run, "interval" as each closes, "end" with the whole run; then kttcp4j's "summary" after
 * a series, and "error" or "stopped" when the whole thing ended early.
 */
public final class JsonStreamReporter implements RunListener {
    private final Writer out;
    private final String version;
    private Run run;

    public JsonStreamReporter(Writer out, String version) {
        this.out = out;
        this.version = version;
    }

    @Override
    public void runStarted(Run run, int sockbuf, int index) {
        this.run = run;
        event("start", g -> JsonDocument.start(g, run, null, version));
    }

    @Override
    public void interval(Interval in) {
        event("interval", g -> JsonDocument.interval(g, in, run));
    }

    @Override
    public void runEnded(RunResult r) {
        event("end", g -> {
            g.writeStartObject();
            g.writeFieldName("start");
            JsonDocument.start(g, r.run(), r, version);
            g.writeFieldName("end");
            JsonDocument.end(g, r);
            g.writeEndObject();
        });
    }

    @Override
    public void summary(List<SummaryRow> rows) {
        event("summary", g -> {
            g.writeStartArray();
            for (SummaryRow row : rows) {
                JsonDocument.summaryRow(g, row);
            }
            g.writeEndArray();
        });
    }

    /** How a run that ended early ended: "error" (as iperf3's event) or "stopped" (a signal). */
    @Override
    public void finished(Results results) {
        results.error().ifPresent(e -> event("error", g -> g.writeString(e)));
        results.stopped().ifPresent(s -> event("stopped", g -> g.writeString(s)));
    }

    private void event(String name, JsonDocument.Body data) {
        JsonDocument.emit(out, false, g -> {
            g.writeStartObject();
            g.writeStringField("event", name);
            g.writeFieldName("data");
            data.write(g);
            g.writeEndObject();
        });
    }
}
