package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.posix.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Connect to HOST and send (1 GiB by default, or --time); any TCP receiver will do (kttcp4j recv, kttcp -r, nc).",
        footer = {"", "Examples:", "  kttcp4j send rx.example.org --port 22222 --bytes 4g",
            "  kttcp4j send ::1 --engine user --time 10s --interval 1s --json",
            "  kttcp4j send rx --parallel 4        (the receiver: kttcp4j recv --parallel 4)",
            "  kttcp4j send rx --reverse --time 5s (the receiver: kttcp4j recv --reverse --time 5s)"})
final class SendCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Parameters(index = "0", paramLabel = "HOST", description = "The receiver's name or address.")
    String host;

    @Override
    public Integer call() throws IOException {
        Kernel k = options.kernel();
        RunSettings base = options.settings(k, LoopbackCommand.DEFAULT_BYTES, RecvCommand.DEFAULT_PORT);
        options.checkReceiverOptions(base.reverse() ? base.engine() : null);
        try (Engine engine = Engines.create(base.engine(), options.engineConfig(k))) {
            Runs.prepare(engine);
            var to = base.family().resolve(host, base.port());
            return Series.execute(options, base, "send", k.name(), (s, meter) -> Runs.connecting(engine, to, s, k.name(), meter));
        }
    }
}
