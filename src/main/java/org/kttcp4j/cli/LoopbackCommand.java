package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "loopback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sender and receiver over 127.0.0.1 (::1 with -6), an ephemeral port, 1 GiB by default: the receiver"
                + " in a second process (a child JVM), each end with its own CPU; --one-process for both in this one.",
        footer = {"", "Examples:", "  kttcp4j loopback", "  kttcp4j loopback --engine user --bytes 4g --json",
            "  kttcp4j loopback --time 10s --interval 1s --parallel 2",
            "  kttcp4j loopback --sockbuf 64k,256k,1m,4m --repeat 3",
            "  kttcp4j loopback --engine user --receiver-engine nio -6",
            "  kttcp4j loopback --one-process   (both ends on threads of one JVM)",
            "  kttcp4j loopback --repeat 5 --output run.json --junit junit.xml --expect-gbits 5   (CI)"})
final class LoopbackCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    Ports.Listen port;
    @Mixin
    RunOptions options;
    @Option(names = "--receiver-engine", paramLabel = "ENGINE", completionCandidates = Candidates.EngineNames.class,
            description = "The receiver's engine (default: --engine).")
    String receiverEngine;
    @Option(names = "--one-process", description = "Both ends in this process (two threads of one JVM) instead of the"
            + " receiver in a child JVM; a rump kernel always runs in one.")
    boolean oneProcess;

    @Override
    public Integer call() throws IOException {
        return options.execute(spec.commandLine(), k -> Run.loopback().receiverEngine(receiverEngine)
                .processes(oneProcess ? 1 : 2), port::apply);
    }
}
