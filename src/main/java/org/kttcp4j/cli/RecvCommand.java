package org.kttcp4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.posix.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recv", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Listen, accept a connection and receive until the sender closes; any TCP sender will do.",
        footer = {"", "Examples:", "  kttcp4j recv --port 22222", "  kttcp4j recv --serve --json   (one document per connection)"})
final class RecvCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 22222;

    @Mixin
    RunOptions options;

    @Option(names = "--serve", description = "Accept and receive connections one after another until stopped.")
    boolean serve;

    @Override
    public Integer call() throws IOException {
        Kernel k = options.kernel();
        RunSettings s = options.settings(k, Long.MAX_VALUE, DEFAULT_PORT);
        Budget budget = options.bytes == null ? Budget.untilEof() : Budget.ofBytes(options.bytes);
        try (Engine engine = Engines.create(s.engine(), options.engineConfig(k))) {
            Runs.prepare(engine);
            var at = s.bind() != null ? s.family().resolve(s.bind(), s.port()).get(0) : s.family().wildcard(s.port());
            try (Acceptor acceptor = engine.transport().listen(at, 1, s.family() == Family.V6)) {
                options.err().println("kttcp4j: listening on " + Hosts.numeric(acceptor.local().getAddress()) + " port "
                        + acceptor.local().getPort() + ", engine " + engine.name());
                int status;
                do {
                    SideResult r = Runs.receive(engine, acceptor, budget, s.sockbuf(), c -> {});
                    status = Output.print(options.out(), new RunResult(s, "recv", k.name(), List.of(r)), options.json);
                } while (serve);
                return status;
            }
        }
    }
}
