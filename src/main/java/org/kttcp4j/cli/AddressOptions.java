package org.kttcp4j.cli;

import org.kttcp4j.net.Family;
import org.kttcp4j.run.Run;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where: the address family, the port and the local address. */
final class AddressOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    FamilyChoice family;

    static final class FamilyChoice {
        @Option(names = "-4", required = true, description = "IPv4 only.")
        boolean v4;

        @Option(names = "-6", required = true, description = "IPv6 only.")
        boolean v6;
    }

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "TCP port (default 22222; loopback: any free port).")
    Integer port;

    @Option(names = {"-B", "--bind"}, paramLabel = "ADDRESS",
            description = "Local address: to listen on (recv, loopback), or to send from (send).")
    String bind;

    Family family() {
        return family == null ? Family.ANY : family.v4 ? Family.V4 : Family.V6;
    }

    void apply(Run.Builder b) {
        b.family(family()).bind(bind);
        if (port != null) {
            b.port(port);
        }
    }
}
