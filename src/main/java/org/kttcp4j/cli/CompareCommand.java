package org.kttcp4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kttcp4j.results.Comparison;
import org.kttcp4j.results.Metric;
import org.kttcp4j.results.PlanComparison;
import org.kttcp4j.results.PlanResults;
import org.kttcp4j.results.ResultFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Baseline against new: the logic is org.kttcp4j.results.Comparison's; this is its command line. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare a new result with a baseline: runs matched by engine, kernel, socket buffer, "
            + "streams and direction; medians, change, and with repeats on both sides a Mann-Whitney U test "
            + "so that noise is not called a regression. Reads kttcp4j --json files and iperf3 -J output."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kttcp4j compare base.json new.json                 Gbit/s, 5 %% allowed",
            "  kttcp4j compare base.json new.json --max-drop 10 --metric cpu",
            "  kttcp4j compare iperf3.json kttcp4j.json           iperf3 -J on either side",
            "  kttcp4j compare before-dir after-dir               two plans, pair by pair"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline result (JSON).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new result (JSON).")
    Path now;

    @Option(names = "--max-drop", paramLabel = "PCT",
            description = "Worse by more than this many percent is a regression (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    double maxDrop;

    @Option(names = "--metric", paramLabel = "gbits|cpu", completionCandidates = Candidates.MetricNames.class,
            description = "gbits: Gbit/s, higher is better (default); cpu: CPU seconds per GB, lower is better.",
            defaultValue = "gbits")
    String metric;

    @Override
    public Integer call() {
        if (PlanResults.isPlan(baseline) && PlanResults.isPlan(now)) {
            PlanComparison.Outcome o = Launch.input(spec.commandLine(), () -> PlanComparison.compare(
                    PlanResults.read(baseline), PlanResults.read(now), Metric.parse(metric), maxDrop));
            spec.commandLine().getOut().print(PlanComparison.text(o));
            spec.commandLine().getOut().flush();
            return o.exitCode();
        }
        Comparison.Outcome o = Launch.input(spec.commandLine(), () -> Comparison.compare(ResultFile.read(baseline),
                ResultFile.read(now), Metric.parse(metric), maxDrop));
        spec.commandLine().getOut().print(Comparison.text(o));
        spec.commandLine().getOut().flush();
        return o.exitCode();
    }
}
