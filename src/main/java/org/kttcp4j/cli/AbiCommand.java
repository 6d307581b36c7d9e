package org.kttcp4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.ErrnoTable;
import org.kttcp4j.abi.IoctlRequest;
import org.kttcp4j.abi.KttcpLayout;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.kttcp4j.abi.InterfaceAbi;

/**
 * What the binding will use: the struct layout JNA computed here, the ioctl numbers derived from it, and the
 * target kernel's constants and errno numbers. The JSON keys are the ones native/kttcp_abi prints from the
 * target's own headers, so the two can be compared.
 */
@Command(name = "abi", mixinStandardHelpOptions = true,
        description = "Print the ABI the binding uses on this machine: struct kttcp_io_args, ioctl numbers, constants.")
final class AbiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-J", "--json"}, description = "As JSON, keyed like native/kttcp_abi's output.")
    boolean json;

    @Option(names = "--kernel", paramLabel = "kernel", description = "Kernel whose ABI to print: host (default), rump:DIR or rumpclient:URL.")
    String kernel;

    @Override
    public Integer call() throws IOException {
        Kernel k = KernelOption.resolve(kernel);
        Abi abi = k != null ? Kernels.abi(k) : Abi.host();
        KttcpLayout layout = KttcpLayout.ofThisPlatform();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            writeJson(out, abi, layout);
            return Exits.OK;
        }
        out.printf("os %s, arch %s, ABI %s%n", System.getProperty("os.name"), System.getProperty("os.arch"), abi.name());
        out.printf("struct kttcp_io_args: %d bytes (NetBSD expects %d here), timeval %d bytes%n", layout.size(),
                KttcpLayout.expectedSize(System.getProperty("os.arch")), layout.timevalSize());
        layout.offsets().forEach((f, off) -> out.printf("  %-14s offset %d%n", f, off));
        out.printf("KTTCP_IO_SEND %s%nKTTCP_IO_RECV %s%n", IoctlRequest.hex(layout.sendRequest()),
                IoctlRequest.hex(layout.recvRequest()));
        abi.constants().forEach((c, v) -> out.printf("%-13s %d (0x%x)%n", c, v, v));
        abi.errno().byName().forEach((n, e) -> out.printf("%-13s %d %s%n", n, e.number(), e.text()));
        if (!abi.renamedSymbols().isEmpty()) {
            out.println("libc symbols: " + abi.renamedSymbols());
        }
        return Exits.OK;
    }

    static void writeJson(PrintWriter out, Abi abi, KttcpLayout layout) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("os", System.getProperty("os.name"));
            g.writeStringField("arch", System.getProperty("os.arch"));
            g.writeStringField("abi", abi.name());
            g.writeObjectFieldStart("kttcp_io_args");
            g.writeNumberField("size", layout.size());
            g.writeNumberField("expected_size", KttcpLayout.expectedSize(System.getProperty("os.arch")));
            g.writeNumberField("timeval_size", layout.timevalSize());
            g.writeObjectFieldStart("offsets");
            for (Map.Entry<String, Integer> e : layout.offsets().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("ioctl");
            g.writeStringField("KTTCP_IO_SEND", IoctlRequest.hex(layout.sendRequest()));
            g.writeStringField("KTTCP_IO_RECV", IoctlRequest.hex(layout.recvRequest()));
            g.writeEndObject();
            g.writeObjectFieldStart("sizes");
            g.writeNumberField("sockaddr_in", Abi.SOCKADDR_IN_SIZE);
            g.writeNumberField("sockaddr_in6", Abi.SOCKADDR_IN6_SIZE);
            g.writeNumberField("pollfd", Abi.POLLFD_SIZE);
            g.writeNumberField("pollfd_events", Abi.POLLFD_EVENTS);
            g.writeNumberField("pollfd_revents", Abi.POLLFD_REVENTS);
            g.writeEndObject();
            g.writeObjectFieldStart("constants");
            for (Map.Entry<Constant, Integer> e : abi.constants().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("errno");
            for (ErrnoTable.Entry e : abi.errno().byName().values()) {
                g.writeNumberField(e.name(), e.number());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("interfaces"); // #20's ioctls and structs, as native/kttcp_abi prints them
            for (Map.Entry<String, Long> e : InterfaceAbi.of(abi).table().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("symbols");
            for (Map.Entry<String, String> e : abi.renamedSymbols().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
