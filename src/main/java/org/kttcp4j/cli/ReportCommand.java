package org.kttcp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.report.AtomicFile;
import org.kttcp4j.results.HtmlReport;
import org.kttcp4j.results.PlanReport;
import org.kttcp4j.results.PlanResults;
import org.kttcp4j.results.ResultFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One self-contained HTML page for result files: org.kttcp4j.results.HtmlReport's command line. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML page (nothing fetched when it is opened) for result files: "
            + "what was run, Gbit/s and CPU, throughput over time per stream, the socket-buffer sweep, the "
            + "distribution of repeats, and the first file against each other one. Reads kttcp4j --json files "
            + "and iperf3 -J output."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kttcp4j report run.json -o report.html",
            "  kttcp4j report base.json new.json iperf3.json -o report.html",
            "  kttcp4j report plan-dir -o matrix.html --junit plan.xml   a plan's matrix"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "Result files (JSON); the first is the baseline. "
            + "Or one plan's directory (ansible/plan.yml's kttcp4j_out): the matrix of its pairs above their charts.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path output;

    @Option(names = "--junit", paramLabel = "FILE", description = "With a plan: a JUnit XML file, a testcase per pair.")
    Path junit;

    @Override
    public Integer call() throws IOException {
        if (inputs.size() == 1 && PlanResults.isPlan(inputs.get(0))) {
            return plan();
        }
        if (junit != null) {
            throw new Launch.BadInput(spec.commandLine(), "--junit needs a plan's directory (ansible/plan.yml's "
                    + "kttcp4j_out), not result files: give one plan directory, or leave --junit out");
        }
        List<OutputFiles.Named> in = new ArrayList<>();
        for (Path p : inputs) {
            in.add(new OutputFiles.Named("RESULT", p));
        }
        OutputFiles.check(spec.commandLine(), List.of(new OutputFiles.Named("-o", output)), in);
        List<ResultFile> files = new ArrayList<>();
        for (Path p : inputs) {
            files.add(Launch.input(spec.commandLine(), () -> ResultFile.read(p)));
        }
        String html = HtmlReport.render(files, Version.line());
        try {
            AtomicFile.writeString(output, html);
        } catch (AtomicFile.Failed e) {
            spec.commandLine().getErr().println("kttcp4j: " + OutputFiles.line(new OutputFiles.Named("-o", output), e));
            spec.commandLine().getErr().flush();
            return Exits.FAILED;
        }
        spec.commandLine().getOut().printf("kttcp4j report: %s (%d result%s, %d KiB)%n", output, files.size(),
                files.size() == 1 ? "" : "s", (html.length() + 1023) / 1024);
        spec.commandLine().getOut().flush();
        return Exits.OK;
    }

    /** A plan: the page with its matrix, the JUnit file, a line per failed pair; exit 2 failed, 3 missed. */
    private int plan() {
        List<OutputFiles.Named> outs = new ArrayList<>(List.of(new OutputFiles.Named("-o", output)));
        if (junit != null) {
            outs.add(new OutputFiles.Named("--junit", junit));
        }
        OutputFiles.check(spec.commandLine(), outs, List.of());
        PlanResults plan = Launch.input(spec.commandLine(), () -> PlanResults.read(inputs.get(0)));
        String html = HtmlReport.render(plan.files(), Version.line(), PlanReport.matrix(plan));
        for (OutputFiles.Named out : outs) {
            try {
                AtomicFile.writeString(out.file(), out == outs.get(0) ? html : PlanReport.junit(plan, Version.line()));
            } catch (AtomicFile.Failed e) {
                spec.commandLine().getErr().println("kttcp4j: " + OutputFiles.line(out, e));
                spec.commandLine().getErr().flush();
                return Exits.FAILED;
            }
        }
        spec.commandLine().getOut().printf("kttcp4j report: %s (%s)%n", output, junit == null ? "matrix" : "matrix; " + junit);
        spec.commandLine().getOut().print(plan.text());
        spec.commandLine().getOut().flush();
        return plan.exitCode();
    }
}
