package org.kttcp4j.cli;

import java.io.PrintWriter;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.report.HumanReport;
import org.kttcp4j.report.JsonReport;

/** Prints a run in the format asked for and turns its outcome into the exit status. */
final class Output {
    private Output() {}

    static int print(PrintWriter out, RunResult run, boolean json) {
        if (json) {
            JsonReport.write(out, run, Version.line());
        } else {
            HumanReport.print(out, run);
        }
        out.flush();
        return run.failed() ? Exits.RUNTIME : Exits.OK;
    }
}
