package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.device.KttcpDevice;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Family;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.report.KttcpToolFormat;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The C kttcp tool's run (pkgsrc benchmarks/kttcp/files/kttcp.c rev 1.5), step for step: the same lines on stdout
 * in the same order, SO_SNDBUF set after connect and SO_RCVBUF after accept, listen backlog 1. The engine that
 * ran is named on stderr, so stdout stays what the C tool's parsers expect.
 */
final class CompatRun {
    /** kttcp.c: KTTCP_XMITSIZE, the sender's default count. */
    static final long DEFAULT_SEND = 10L * 1024 * 1024;
    /** kttcp.c: the receiver's default is KTTCP_MAX_XMIT (0x7fffffff). */
    static final long DEFAULT_RECV = KttcpDevice.MAX_RECV;

    private final Main o;
    private final CommandLine cmd;

    CompatRun(Main options, CommandLine cmd) {
        this.o = options;
        this.cmd = cmd;
    }

    int run() throws IOException {
        if (o.ipv4 && o.ipv6) {
            throw new ParameterException(cmd, "-4 and -6 are exclusive: give one or neither");
        }
        if (o.sockbuf > Integer.MAX_VALUE) {
            throw new ParameterException(cmd, "invalid socket buffer size: " + o.sockbuf + " (at most 2147483647)");
        }
        int port = parsePort();
        Family family = o.ipv4 ? Family.V4 : o.ipv6 ? Family.V6 : Family.ANY;
        long count;
        if (o.transmit) {
            if (o.host == null) {
                throw new ParameterException(cmd, "-t needs a host to send to: kttcp4j -t [options] host");
            }
            count = o.bytes == null ? DEFAULT_SEND : o.bytes;
            if (count <= 0) {
                throw new ParameterException(cmd, "-n must be more than 0 bytes to transmit");
            }
        } else {
            if (o.host != null) {
                throw new ParameterException(cmd, "-r takes no host (got '" + o.host + "'): drop it, or use -t");
            }
            count = o.bytes == null ? DEFAULT_RECV : o.bytes;
        }
        Kernel kernel = KernelOption.resolve(o.kernel);
        String engineName = o.engine != null ? o.engine : Engines.defaultName(kernel.abi());
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        try (Engine engine = Engines.create(engineName, new EngineConfig(() -> kernel, EngineConfig.DEFAULT_BUFFER, false))) {
            Runs.prepare(engine); // the C tool opens /dev/kttcp first
            err.println("kttcp4j: engine " + engine.name() + " (" + engine.describe() + ")");
            KttcpToolFormat.socketBufferSize(out, (int) o.sockbuf);
            boolean chatty = !o.quiet;
            SideResult r;
            if (o.transmit) {
                List<InetSocketAddress> to = family.resolve(o.host, port);
                r = Runs.send(engine, to, new org.kttcp4j.bench.RunSettings(engineName, engineName, count, null,
                        (int) o.sockbuf, EngineConfig.DEFAULT_BUFFER, false, family, port, null), c -> {
                            if (chatty) {
                                KttcpToolFormat.connectedTo(out, Hosts.numeric(c.peer().getAddress()));
                            }
                        });
            } else {
                try (Acceptor acceptor = engine.transport().listen(family.wildcard(port), 1, family == Family.V6)) {
                    if (chatty) {
                        KttcpToolFormat.listening(out, o.port);
                    } else {
                        err.println("kttcp4j: listening on port " + o.port); // -q keeps stdout quiet; scripts may wait for this
                    }
                    r = Runs.receive(engine, acceptor, Budget.ofBytes(count), (int) o.sockbuf, c -> {
                        if (chatty) {
                            KttcpToolFormat.connectFrom(out, Hosts.numeric(c.peer().getAddress()));
                        }
                    });
                }
            }
            KttcpToolFormat.result(out, r.transfer(), o.verbose);
            if (r.failed()) {
                err.println("kttcp4j: " + r.error());
                return Exits.RUNTIME;
            }
            return Exits.OK;
        }
    }

    private int parsePort() {
        try {
            int p = Integer.parseInt(o.port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ParameterException(cmd, "invalid port '" + o.port + "': give a number from 1 to 65535");
        }
    }
}
