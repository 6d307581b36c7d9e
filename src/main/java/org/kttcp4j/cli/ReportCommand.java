package org.kttcp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.report.AtomicFile;
import org.kttcp4j.results.HtmlReport;
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
        footer = {"",
            "Examples:",
            "  kttcp4j report run.json -o report.html",
            "  kttcp4j report base.json new.json iperf3.json -o report.html",
            "",
            "Exit status: 0 written; 1 bad input (a file that is not a result, an -o that cannot be written or",
            "that names an input); 2 the page could not be written whole (a full disk: the old file is kept)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "Result files (JSON); the first is the baseline.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path output;

    @Override
    public Integer call() throws IOException {
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
}
