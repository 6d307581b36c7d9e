package org.kttcp4j.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "loopback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sender and receiver in this process over 127.0.0.1 (::1 with -6), an ephemeral port, 1 GiB by default.",
        footer = {"", "Examples:", "  kttcp4j loopback", "  kttcp4j loopback --engine user --bytes 4g --json",
            "  kttcp4j loopback --time 10s --interval 1s --parallel 2",
            "  kttcp4j loopback --sockbuf 64k,256k,1m,4m --repeat 3",
            "  kttcp4j loopback --engine user --receiver-engine nio -6",
            "  kttcp4j loopback --repeat 5 --output run.json --junit junit.xml --expect-gbits 5   (CI)"})
final class LoopbackCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    EngineOptions engine;
    @Option(names = "--receiver-engine", paramLabel = "ENGINE", completionCandidates = EngineOptions.EngineNames.class,
            description = "The receiver's engine (default: --engine).")
    String receiverEngine;
    @Mixin
    SizeOptions size;
    @Mixin
    StreamOptions streams;
    @Mixin
    AddressOptions address;
    @Mixin
    TimeoutOptions timeouts;
    @Mixin
    WireOptions wire;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        Run run = Launch.build(spec.commandLine(), () -> {
            Kernel k = engine.kernel();
            Run.Builder b = Run.loopback().receiverEngine(receiverEngine);
            engine.apply(b, k);
            size.apply(b);
            streams.apply(b);
            address.apply(b);
            timeouts.apply(b);
            wire.apply(b);
            return b.build();
        });
        return Launch.execute(spec.commandLine(), run, Launch.reporter(spec.commandLine(), output));
    }
}
