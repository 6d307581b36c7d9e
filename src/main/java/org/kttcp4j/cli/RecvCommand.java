package org.kttcp4j.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "recv", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Listen, accept a connection (--parallel N: N of them) and receive until the sender closes;"
                + " any TCP sender will do.",
        footerHeading = "%nExamples:%n",
        footer = {"  kttcp4j recv --port 22222", "  kttcp4j recv --serve --json   (one document per run)",
            "  kttcp4j recv --serve --allow 192.0.2.0/24 --max-time 60s",
            "  kttcp4j recv --sockbuf 64k,256k,1m   (the sender runs the same sweep)"})
final class RecvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Ports.Listen port;
    @Mixin
    RunOptions options;

    @Option(names = "--serve", description = "Take runs one after another, one at a time, until stopped (Ctrl-C, kill);"
            + " a client that comes while a run is on is refused at once (busy), one line on stderr.")
    boolean serve;

    @Option(names = "--allow", paramLabel = "CIDR", split = ",",
            description = "Only peers in these address blocks (192.0.2.0/24,2001:db8::/32); others are closed at"
                    + " accept and logged, never counted as runs.")
    List<String> allow;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "End any run that lasts longer (so no client holds the server).")
    Duration maxTime;

    @Option(names = "--max-bytes", paramLabel = "BYTES", converter = ByteCount.class,
            description = "End any run that brings more.")
    Long maxBytes;

    @Override
    public Integer call() throws IOException {
        return options.execute(spec.commandLine(), k -> Run.receive().serve(serve), b -> {
            port.apply(b);
            if (allow != null) {
                List<Cidr> blocks = new ArrayList<>();
                for (String a : allow) {
                    blocks.add(Cidr.parse(a));
                }
                b.allow(blocks);
            }
            if (maxTime != null) {
                b.maxTime(maxTime);
            }
            if (maxBytes != null) {
                b.maxBytes(maxBytes);
            }
        });
    }
}
