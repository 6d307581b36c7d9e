package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.posix.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "loopback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sender and receiver in this process over 127.0.0.1 (::1 with -6), an ephemeral port, 1 GiB by default.",
        footer = {"", "Examples:", "  kttcp4j loopback", "  kttcp4j loopback --engine user --bytes 4g --json",
            "  kttcp4j loopback --time 10s --interval 1s --parallel 2",
            "  kttcp4j loopback --sockbuf 64k,256k,1m,4m --repeat 3",
            "  kttcp4j loopback --engine user --receiver-engine nio -6"})
final class LoopbackCommand implements Callable<Integer> {
    static final long DEFAULT_BYTES = 1L << 30;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        Kernel k = options.kernel();
        RunSettings base = options.settings(k, DEFAULT_BYTES, 0);
        options.checkReceiverOptions(base.receiverEngine());
        EngineConfig cfg = options.engineConfig(k);
        try (Engine tx = Engines.create(base.engine(), cfg); Engine rx = Engines.create(base.receiverEngine(), cfg)) {
            return Series.execute(options, base, "loopback", k.name(), (s, meter) -> Runs.loopback(s, tx, rx, k.name(), meter));
        }
    }
}
