package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
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
        description = "Listen, accept a connection (--parallel N: N of them) and receive until the sender closes; any TCP sender will do.",
        footer = {"", "Examples:", "  kttcp4j recv --port 22222", "  kttcp4j recv --serve --json   (one document per run)",
            "  kttcp4j recv --sockbuf 64k,256k,1m   (the sender runs the same sweep)"})
final class RecvCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 22222;

    @Mixin
    RunOptions options;

    @Option(names = "--serve", description = "Take runs one after another until stopped (Ctrl-C, or kill).")
    boolean serve;

    @Override
    public Integer call() throws IOException {
        Kernel k = options.kernel();
        RunSettings base = options.settings(k, Long.MAX_VALUE, DEFAULT_PORT);
        options.checkReceiverOptions(base.reverse() ? null : base.engine());
        // the receiver stops at the sender's EOF; --bytes caps what it takes
        Budget budget = options.bytes == null ? Budget.untilEof() : Budget.ofBytes(options.bytes);
        try (Engine engine = Engines.create(base.engine(), options.engineConfig(k))) {
            Runs.prepare(engine);
            var at = base.bind() != null ? base.family().resolve(base.bind(), base.port()).get(0) : base.family().wildcard(base.port());
            try (Acceptor acceptor = engine.transport().listen(at, Math.max(1, base.parallel()), base.family() == Family.V6)) {
                options.err().println("kttcp4j: listening on " + Hosts.numeric(acceptor.local().getAddress()) + " port "
                        + acceptor.local().getPort() + ", engine " + engine.name());
                int status;
                do {
                    status = Series.execute(options, base, "recv", k.name(),
                            (s, meter) -> Runs.accepting(engine, acceptor, s, budget, k.name(), meter));
                } while (serve);
                return status;
            }
        }
    }
}
