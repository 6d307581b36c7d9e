package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Connect to HOST and send (1 GiB by default, or --time); any TCP receiver will do (kttcp4j recv, kttcp -r, nc).",
        footer = {"", "Examples:", "  kttcp4j send rx.example.org --port 22222 --bytes 4g",
            "  kttcp4j send ::1 --engine user --time 10s --interval 1s --json",
            "  kttcp4j send rx --parallel 4        (the receiver: kttcp4j recv --parallel 4)",
            "  kttcp4j send rx --reverse --time 5s (the receiver: kttcp4j recv --reverse --time 5s)"})
final class SendCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "HOST", description = "The receiver's name or address.")
    String host;
    @Mixin
    Ports.Connect port;
    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        return options.execute(spec.commandLine(), k -> Run.send(host), b -> {
            options.address.check("host", host);
            port.apply(b);
        });
    }
}
