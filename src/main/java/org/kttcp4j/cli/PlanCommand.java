package org.kttcp4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.results.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The rounds of a plan of many hosts as JSON (org.kttcp4j.results.Schedule): what ansible/'s playbook runs,
 * round by round. It runs nothing itself; the schedule has one definition, here, tested in Java.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the rounds in which a plan of many hosts runs as JSON: every ordered pair (or the "
            + "--pairs given), in rounds in which no host is in two runs, so that the runs of a round go at once "
            + "(the round-robin circle schedule: N-1 rounds of N/2 pairs each way, a rest host per round for an "
            + "odd N). ansible/'s playbook runs it (docs/many-hosts.md)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kttcp4j plan --hosts a,b,c,d              12 pairs in 6 rounds of 2",
            "  kttcp4j plan --hosts a,b,c --pairs a:b,b:a  a and b each way: two rounds"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", paramLabel = "HOST[,HOST...]", required = true, split = ",",
            description = "The hosts (inventory names), two or more.")
    List<String> hosts;

    @Option(names = "--pairs", paramLabel = "SENDER:RECEIVER[,...]", split = ",",
            description = "Only these pairs (a:b sends from a to b); default: every ordered pair.")
    List<String> pairs;

    @Override
    public Integer call() {
        Schedule s = Launch.input(spec.commandLine(), () -> {
            if (pairs == null || pairs.isEmpty()) {
                return Schedule.allPairs(hosts);
            }
            List<Schedule.Pair> chosen = new ArrayList<>();
            for (String p : pairs) {
                chosen.add(Schedule.parsePair(p));
            }
            return Schedule.of(hosts, chosen);
        });
        try {
            spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(s.json()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        spec.commandLine().getOut().flush();
        return Exits.OK;
    }
}
