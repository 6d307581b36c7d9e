package org.kttcp4j.report;

import java.io.Writer;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;

/**
 * --json (and --output FILE): one document per run as it ends; a series (or a run that ended early, stopped or
 * failed before any run finished) as one document with its runs and statistics at the end.
 */
public final class JsonReporter implements RunListener {
    private final Writer out;
    private final String version;

    public JsonReporter(Writer out, String version) {
        this.out = out;
        this.version = version;
    }

    @Override
    public void runEnded(RunResult r) {
        if (!r.run().series()) {
            JsonDocument.run(out, r, version);
        }
    }

    @Override
    public void finished(Results results) {
        if (results.run().series() || results.runs().isEmpty()) {
            JsonDocument.series(out, results, version);
        }
    }
}
