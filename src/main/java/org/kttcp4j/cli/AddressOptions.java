package org.kttcp4j.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.kttcp4j.net.Family;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** Where: the address family and the local address (the port is the command's: {@link Ports}). */
final class AddressOptions {
    // plain options checked by family(), not an @ArgGroup: picocli lists a mixin's group twice in --help
    @Option(names = "-4", description = "IPv4 only.")
    boolean v4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean v6;

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
        check("--bind", bind);
        b.family(family()).bind(bind);
    }

    /**
     * Refuses an address literal of the other family (send -4 ::1, --bind 127.0.0.1 -6) as bad usage: nothing
     * need be resolved to know it. A name is left to the resolver, which says when it has no such address.
     */
    void check(String what, String address) {
        check(family(), what, address);
    }

    /** The same, for a family chosen elsewhere (the C tool's -4/-6). */
    static void check(Family f, String what, String address) {
        Optional<InetAddress> literal = literal(address);
        if (f != Family.ANY && literal.isPresent() && !f.accepts(literal.get())) {
            boolean six = literal.get() instanceof Inet6Address;
            throw new IllegalArgumentException(what + " " + address + " is an IPv" + (six ? "6" : "4")
                    + " address and " + (f == Family.V4 ? "-4" : "-6") + " asks for IPv" + (six ? "4" : "6")
                    + ": drop " + (f == Family.V4 ? "-4" : "-6") + " or give an IPv" + (six ? "4" : "6") + " address");
        }
    }

    /** The address that a numeric host is (1.2.3.4, ::1, [::1], fe80::1%eth0), or empty for a name. */
    static Optional<InetAddress> literal(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean numeric = h.contains(":") || h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        if (!numeric) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
