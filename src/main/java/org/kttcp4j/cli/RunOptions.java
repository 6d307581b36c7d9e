package org.kttcp4j.cli;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.run.Run;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The option groups every run command has (engine, size, streams, address, timeouts, TCP options, output), and the one way
 * such a command runs: start the builder, apply every group and the command's own options, build (a usage error
 * is exit 1), choose the reporter, execute, map to the exit status.
 */
final class RunOptions {
    @Mixin
    EngineOptions engine;
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
    @Mixin
    AffinityOptions affinity;

    /**
     * @param start the command's kind of run (Run.loopback(), Run.send(host), Run.receive())
     * @param own the command's own options, applied after the shared ones
     */
    int execute(CommandLine cmd, Function<Kernel, Run.Builder> start, Consumer<Run.Builder> own) throws IOException {
        Run run = Launch.build(cmd, () -> {
            Kernel k = engine.kernel();
            Run.Builder b = start.apply(k);
            engine.apply(b, k);
            size.apply(b);
            streams.apply(b);
            address.apply(b);
            timeouts.apply(b);
            wire.apply(b);
            affinity.apply(b);
            own.accept(b);
            return b.build();
        });
        return Launch.execute(cmd, run, Launch.reporter(cmd, output));
    }
}
