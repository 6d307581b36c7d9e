package org.kttcp4j.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Event;
import org.kttcp4j.document.Json;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.net.NetInterface;

/**
 * The wire of a loopback run in two processes ({@link TwoProcessLoopback}, {@link ChildEnd}), one line of JSON each:
 *
 * <ul>
 *   <li>in, the child's {@link RunSpec}: one named key per record component, nulls written, as iperf3 sends its
 *       settings as named JSON keys (esnet/iperf src/iperf_api.c, send_parameters/get_parameters); a key this
 *       build does not know, or one that is missing, is an error that names it;
 *   <li>out, the events --json-stream prints ({@link Event} via {@link Json}), written by {@link ChildEvents},
 *       with "listening" first; the parent rebuilds the child's ends from each run's "end" event ({@link #run}).
 * </ul>
 */
final class ChildWire {
    /** The RunSpec's own types, each as one JSON string; the rest are numbers, booleans, enum names, lists. */
    private static final ObjectMapper SPEC = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("kttcp4j-run-spec")
                    .addSerializer(Duration.class, text(Duration::toString))
                    .addDeserializer(Duration.class, parsed(Duration::parse))
                    .addSerializer(EngineKind.class, text(EngineKind::id))
                    .addDeserializer(EngineKind.class, parsed(EngineKind::of))
                    .addSerializer(Cidr.class, text(Cidr::toString))
                    .addDeserializer(Cidr.class, parsed(Cidr::parse))
                    .addSerializer(Kernel.class, text(ChildWire::kernelName))
                    .addDeserializer(Kernel.class, parsed(ChildWire::kernel)))
            .build();

    private ChildWire() {}

    // ---- in: the child's settings

    /**
     * The accepting end of a loopback run as a recv run: the engine of the role it plays (the receiver's, or with
     * reverse the sender's), the bytes only when it sends (a receiver takes what comes until EOF, as loopback's
     * receiver in one process does), bound to the loopback address (or bind) on the loopback's port (0: any), no
     * intervals (the connecting process meters), one process, and the options of the other role left to the
     * connecting process. Every other setting is the loopback's.
     */
    static RunSpec receiverOf(Run loopback) {
        RunSpec s = loopback.spec();
        boolean sends = loopback.reverse() || loopback.bidir(); // with reverse, and on bidir's reverse streams
        boolean receives = !loopback.reverse();
        return new RunSpec(Mode.ACCEPT, null, s.kernel(),
                loopback.reverse() ? loopback.engineKind() : loopback.receiverEngineKind(), null,
                sends ? s.bytes() : null, sends && s.upTo(), s.time(), s.sockbufs(), s.repeat(), null, s.parallel(),
                s.reverse(), s.bidir(), s.buffer(), receives && s.waitAll(), s.poll(), receives ? s.rcvlowat() : null,
                receives ? s.sink() : Sink.DISCARD, sends ? s.source() : null, s.family(), loopback.port(),
                bindOf(loopback), loopback.backlog(), s.connectTimeout(), s.idleTimeout(), s.serve(), s.allow(),
                s.maxTime(), s.maxBytes(), s.congestion(), s.noDelay(), s.mss(), s.omit(),
                loopback.affinity().isEmpty() ? s.affinity() : Pinning.acceptingEnds(loopback), 1);
    }

    /** The loopback address (or the bind setting) the child listens on. */
    static String bindOf(Run loopback) {
        try {
            return loopback.bind() != null ? loopback.bind()
                    : loopback.family().loopback(0).getAddress().getHostAddress();
        } catch (UnknownHostException e) { // a numeric literal: never looked up
            throw new IllegalStateException(e);
        }
    }

    /** The spec as one line of JSON (no newline). */
    static String spec(RunSpec spec) {
        try {
            return SPEC.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the child's settings cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A spec from {@link #spec(RunSpec)}'s line; keys not known here or missing (each RunSpec component is one key)
     * are an error that names them, as is a bad value (naming its key).
     */
    static RunSpec spec(String line) {
        try {
            JsonNode tree = SPEC.readTree(line);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("the child's settings are not a JSON object: " + line);
            }
            List<String> names = Arrays.stream(RunSpec.class.getRecordComponents()).map(RecordComponent::getName)
                    .toList();
            List<String> unknown = new ArrayList<>();
            tree.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    unknown.add(n);
                }
            });
            List<String> missing = names.stream().filter(n -> !tree.has(n)).toList();
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                throw new IllegalArgumentException((unknown.isEmpty() ? "" : "unknown settings " + unknown)
                        + (unknown.isEmpty() || missing.isEmpty() ? "" : " and ")
                        + (missing.isEmpty() ? "" : "missing settings " + missing)
                        + " in the child's settings: the child runs another kttcp4j build than its parent");
            }
            return SPEC.treeToValue(tree, RunSpec.class);
        } catch (JsonMappingException e) {
            String key = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? ""
                    : " \"" + e.getPath().get(0).getFieldName() + "\"";
            throw new IllegalArgumentException("the child's setting" + key + ": " + e.getOriginalMessage()
                    + " (the child runs another kttcp4j build than its parent?)", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the child's settings are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String kernelName(Kernel k) {
        if (!k.isHost()) { // its descriptors and state live in this process: a child could not share them
            throw new IllegalArgumentException("a loopback run in two processes runs on the host kernel, not " + k.name());
        }
        return "host";
    }

    private static Kernel kernel(String name) {
        if (!"host".equals(name)) {
            throw new IllegalArgumentException("a loopback run's child runs on the host kernel, not " + name);
        }
        return Kernel.host();
    }

    private static <T> JsonSerializer<T> text(Function<T, String> f) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(f.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> parsed(Function<String, T> f) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = p.getValueAsString();
                try {
                    return f.apply(s);
                } catch (RuntimeException e) {
                    throw ctxt.weirdStringException(s, handledType(), String.valueOf(e.getMessage()));
                }
            }
        };
    }

    // ---- out: the child's events

    /** The first event: the address the child listens on. */
    static Event listening(InetSocketAddress local) {
        return Event.listening(new Document.Peer(Hosts.numeric(local.getAddress()), local.getPort()));
    }

    /**
     * Whether a line of the child's standard output is one of its events; other lines (a JVM's warning on
     * stdout) are skipped.
     */
    static boolean isEvent(String line) {
        return line != null && line.startsWith("{\"event\":");
    }

    /** An event line read back; an IllegalArgumentException says what is wrong with it. */
    static Event event(String line) {
        try {
            return Json.event(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an event: " + e.getOriginalMessage(), e);
        }
    }

    /** The address of a "listening" event. */
    static InetSocketAddress listeningAt(Event e) {
        Document.Peer at = (Document.Peer) e.data();
        return new InetSocketAddress(numeric(at.host()), at.port());
    }

    /** A child's run as its parent reads it from the "end" event: its process's CPU over the run, and its ends. */
    record ChildRun(CpuTime cpu, List<SideResult> sides) {}

    /**
     * The child's run from its "end" event: each end from end.kttcp4j (its transfer's raw figures are the
     * seconds it writes times 10^9 and 10^6: a double carries them exactly), its TCP_INFO, its congestion control
     * (end.sender_tcp_congestion, end.receiver_tcp_congestion), its CPUs from start.cpu_affinity, and the
     * process's CPU from end.kttcp4j_run. An IllegalArgumentException names what is missing.
     */
    static ChildRun run(Document d) {
        Document.End end = need(d.end(), "end");
        Document.RunFigures f = need(end.kttcp4jRun(), "end.kttcp4j_run");
        List<Document.Affinity> pinned = d.start() == null || d.start().cpuAffinity() == null ? List.of()
                : d.start().cpuAffinity();
        List<SideResult> sides = new ArrayList<>();
        for (Document.KttcpEnd e : need(end.kttcp4j(), "end.kttcp4j")) {
            Role role = Role.valueOf(need(e.role(), "role").toUpperCase(Locale.ROOT));
            Transfer t = new Transfer(e.requestedBytes() == -1 ? Transfer.OPEN : e.requestedBytes(), e.bytes(),
                    Math.round(e.seconds() * 1e9), Transfer.Clock.valueOf(need(e.clock(), "clock").toUpperCase(Locale.ROOT)),
                    micros(e.cpuUserSeconds(), e.cpuSystemSeconds()), e.calls());
            Document.Affinity a = pinned.stream().filter(x -> x.socket() == e.socket()
                    && x.role().equals(role.label())).findFirst().orElse(null);
            sides.add(new SideResult(role, e.socket(), e.engine(), e.engineDescription(), t, e.sndbufActual(),
                    e.rcvbufActual(), new InetSocketAddress(numeric(need(e.remoteHost(), "remote_host")), e.remotePort()),
                    e.error(), e.stopped(), tcpInfo(e.tcpInfo()),
                    role == Role.SENDER ? end.senderTcpCongestion() : end.receiverTcpCongestion(),
                    a == null ? null : a.cpu(), a == null ? null : a.ranOn(), iface(d.start(), role)));
        }
        return new ChildRun(micros(f.cpuUserSeconds(), f.cpuSystemSeconds()), List.copyOf(sides));
    }

    /** The child's end's interface, from its start.interface (#20), null when it named none. */
    private static NetInterface iface(Document.Start start, Role role) {
        Document.Interface i = start == null || start.iface() == null ? null : start.iface().get(role.label());
        return i == null || i.name() == null ? null : new NetInterface(i.name(), i.driver(), i.loopback(),
                i.speedBitsPerSecond(), i.mtu(), i.media(), i.offloadsEnabled(), i.offloadsAvailable(), i.notes());
    }

    /** TCP_INFO back in the kernel's units: snd_cwnd was written in bytes (segments times snd_mss). */
    private static TcpInfo tcpInfo(Document.TcpInfo i) {
        if (i == null) {
            return null;
        }
        OptionalLong segments = i.sndCwnd() != null && i.sndMss() != null && i.sndMss() > 0
                ? OptionalLong.of(i.sndCwnd() / i.sndMss()) : OptionalLong.empty();
        return new TcpInfo(opt(i.retransmits()), opt(i.rtt()), opt(i.rttvar()), segments, opt(i.sndMss()),
                opt(i.rcvRtt()), opt(i.rcvOutOfOrder()));
    }

    private static CpuTime micros(double userSeconds, double systemSeconds) {
        return new CpuTime(Math.round(userSeconds * 1e6), Math.round(systemSeconds * 1e6));
    }

    private static OptionalLong opt(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static <T> T need(T v, String name) {
        if (v == null) {
            throw new IllegalArgumentException("the child's \"end\" event has no " + name);
        }
        return v;
    }

    /** A numeric address as the child wrote it: parsed, never looked up. */
    private static InetAddress numeric(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address: " + host, e);
        }
    }
}
