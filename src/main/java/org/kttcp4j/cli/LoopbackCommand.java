package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.bench.RunResult;
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
            "  kttcp4j loopback -6 --sockbuf 256k"})
final class LoopbackCommand implements Callable<Integer> {
    static final long DEFAULT_BYTES = 1L << 30;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        Kernel k = options.kernel();
        RunSettings s = options.settings(k, DEFAULT_BYTES, 0);
        EngineConfig cfg = options.engineConfig(k);
        try (Engine tx = Engines.create(s.engine(), cfg); Engine rx = Engines.create(s.receiverEngine(), cfg)) {
            RunResult r = Runs.loopback(s, tx, rx, k.name());
            return Output.print(options.out(), r, options.json);
        }
    }
}
