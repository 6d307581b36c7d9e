package org.kttcp4j.cli;

import org.kttcp4j.net.Family;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** Where: the address family, the port and the local address. */
final class AddressOptions {
    // plain options checked by family(), not an @ArgGroup: picocli lists a mixin's group twice in --help
    @Option(names = "-4", description = "IPv4 only.")
    boolean v4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean v6;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "TCP port (default 22222; loopback: any free port).")
    Integer port;

    @Option(names = {"-B", "--bind"}, paramLabel = "ADDRESS",
            description = "Local address: to listen on (recv, loopback), or to send from (send).")
    String bind;

    Family family() {
        if (v4 && v6) {
            throw new IllegalArgumentException("-4 and -6 are exclusive: give one or neither");
        }
        return v4 ? Family.V4 : v6 ? Family.V6 : Family.ANY;
    }

    void apply(Run.Builder b) {
        b.family(family()).bind(bind);
        if (port != null) {
            b.port(port);
        }
    }
}
