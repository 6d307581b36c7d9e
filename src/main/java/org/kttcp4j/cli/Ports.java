package org.kttcp4j.cli;

import org.kttcp4j.run.Run;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * --port, one declaration per meaning: a listener's port (recv, loopback), where 0 asks the kernel for any free
 * one; the port a sender connects to (send), which names a listener and so is never 0; and the C tool's -p.
 * Each converter's message says the range it takes.
 */
final class Ports {
    private Ports() {}

    /** recv's and loopback's --port: the port to listen on. */
    static final class Listen {
        @Option(names = {"-p", "--port"}, paramLabel = "PORT", converter = ListenPort.class,
                description = "TCP port to listen on, 0 for any free one (default 22222; loopback: any free port).")
        Integer port;

        void apply(Run.Builder b) {
            if (port != null) {
                b.port(port);
            }
        }
    }

    /** send's --port: the receiver's port. */
    static final class Connect {
        @Option(names = {"-p", "--port"}, paramLabel = "PORT", converter = ConnectPort.class,
                description = "The receiver's TCP port (default 22222).")
        Integer port;

        void apply(Run.Builder b) {
            if (port != null) {
                b.port(port);
            }
        }
    }

    /** 0 to 65535; 0 is any free port. */
    static final class ListenPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 0, "is not a port to listen on: give 1 to 65535, or 0 for any free port");
        }
    }

    /** 1 to 65535: a sender needs the receiver's own port. */
    static final class ConnectPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, "is not a port to connect to: give the receiver's port, 1 to 65535");
        }
    }

    /** The C tool's -p, for -r and -t alike: 1 to 65535 (kttcp.c listens on the port it is given). */
    static final class CToolPort implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, "is not a port: give 1 to 65535");
        }
    }

    private static int parse(String value, int min, String fix) {
        int p;
        try {
            p = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' " + fix);
        }
        if (p < min || p > 65535) {
            throw new TypeConversionException("'" + value + "' " + fix);
        }
        return p;
    }
}
