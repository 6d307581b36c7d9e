package org.kttcp4j.report;

import java.util.OptionalDouble;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.run.RunResult;

/**
 * The figures of one end of a stream, or of one role's streams summed, as the reporters print them. An end's
 * CPU is its whole process's (getrusage has no per-connection CPU), so its CPU s/GB is that CPU per GB of the
 * bytes the end moved: a figure of the end only when the process moved no other bytes. With several streams
 * (--parallel, --bidir) one stream's bytes are part of the process's, and the quotient would charge one stream
 * with every stream's CPU (a 4 MB stream "using" hundreds of CPU s/GB): that figure a stream does not have is
 * left out; a role's sum keeps it unless the process also moved the other direction (--bidir). The run's own
 * figure (the run line, end.kttcp4j_run, the CSV's run row) is always the process's CPU over all its bytes.
 */
public final class EndFigures {
    private EndFigures() {}

    /** One stream's end: its CPU s/GB only when the run has one stream. */
    public static Figures ofEnd(RunResult run, Transfer t) {
        return run.run().streams() == 1 ? t.figures() : withoutPerGB(t.figures());
    }

    /** One role's streams summed: its CPU s/GB unless the process moved both directions (--bidir). */
    public static Figures ofSum(RunResult run, Transfer sum) {
        return !run.run().bidir() ? sum.figures() : withoutPerGB(sum.figures());
    }

    /** Whether an end's CPU s/GB is left out as another streams' figure (not: not measured). */
    public static boolean shared(RunResult run) {
        return run.run().streams() > 1;
    }

    private static Figures withoutPerGB(Figures f) {
        return new Figures(f.bitsPerSecond(), f.cpuPercent(), OptionalDouble.empty());
    }
}
