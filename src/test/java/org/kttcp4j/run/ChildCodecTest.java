package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.document.Document;
import org.kttcp4j.document.Event;
import org.kttcp4j.document.Json;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.Kernel;

/**
 * What a loopback run's child and its parent tell each other ({@link ChildWire}) survives the trip: the child's
 * RunSpec, every component of it, as JSON; each run's ends, every field of them, in the "end" event that
 * --json-stream prints.
 */
class ChildCodecTest {
    /** The lines the child's event writer (found as the child finds it) writes for these calls. */
    private static List<String> events(Consumer<RunListener> calls) {
        StringWriter out = new StringWriter();
        calls.accept(ChildEvents.load().listener(out));
        return out.toString().lines().toList();
    }

    @Test
    void aRunsEndEventCarriesEveryFieldOfEachEndAndTheProcesssCpu() throws Exception {
        Run run = Run.receive().parallel(2).build();
        TcpInfo info = new TcpInfo(OptionalLong.of(12), OptionalLong.of(45), OptionalLong.empty(), OptionalLong.of(10),
                OptionalLong.of(65483), OptionalLong.empty(), OptionalLong.of(3));
        // congestion is per role in the document (iperf3's receiver_tcp_congestion): the ends of a role share -C
        SideResult full = new SideResult(Role.RECEIVER, 1, "splice", "kernel sink: recv(MSG_TRUNC) = discard, 1 MiB",
                new Transfer(Transfer.OPEN, 268435456, 159_000_123L, Transfer.Clock.WALL, new CpuTime(20_001, 11_000),
                        257),
                4194304, 1065220, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40047),
                "an error: with spaces\nand a newline", null, info, "bbr", 1, 0);
        SideResult bare = new SideResult(Role.SENDER, 2, "kttcp", "ioctl", new Transfer(1000, 10, 5,
                Transfer.Clock.KERNEL, CpuTime.ZERO, 1), 0, 0, new InetSocketAddress(InetAddress.getByName("::1"), 1),
                null, "SIGINT", null, null, 3, null);
        RunResult r = new RunResult(run, 0, 1, Instant.now(), List.of(full, bare), List.of(), new CpuTime(31_000, 7),
                160_000_000L);
        List<String> lines = events(l -> l.runEnded(r));
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(ChildWire.isEvent(lines.get(0)), lines.get(0));
        Event e = ChildWire.event(lines.get(0));
        assertEquals(Event.END, e.event());
        ChildWire.ChildRun back = ChildWire.run((Document) e.data());
        assertEquals(new CpuTime(31_000, 7), back.cpu());
        assertEquals(List.of(full, bare), back.sides());
    }

    @Test
    void theListeningEventNamesTheAddressAndPort() throws Exception {
        for (String host : List.of("::1", "127.0.0.1")) {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(host), 40000);
            StringWriter out = new StringWriter();
            Json.event(out, ChildWire.listening(at));
            String line = out.toString().strip();
            assertTrue(ChildWire.isEvent(line), line);
            Event e = ChildWire.event(line);
            assertEquals(Event.LISTENING, e.event());
            assertEquals(at, ChildWire.listeningAt(e));
        }
        assertFalse(ChildWire.isEvent("[warning][cds] a JVM's line on stdout"), "not the child's: skipped");
    }

    @Test
    void anEndEventWithoutItsEndsIsAnErrorThatNamesWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildWire.run(
                (Document) ChildWire.event("{\"event\":\"end\",\"data\":{\"end\":{\"kttcp4j_run\":{}}}}").data()));
        assertTrue(e.getMessage().contains("end.kttcp4j"), e.getMessage());
    }

    /** A spec with every setting other than a receiver's default: every component written and read back equal. */
    private static RunSpec everySettingChanged() {
        return new RunSpec(Mode.LOOPBACK, "192.0.2.1", Kernel.host(), EngineKind.USER, EngineKind.NIO, 5_000_000L,
                true, Duration.ofSeconds(7), List.of(65536, 1 << 20), 3, Duration.ofMillis(250), 4, true, true, 65536,
                true, true, 4096, Sink.SPLICE, Source.SENDFILE, Family.V6, 5001, "::1", 9, Duration.ofSeconds(3),
                Duration.ofMillis(1500), true, List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32")),
                Duration.ofSeconds(60), 1L << 40, "reno", true, 1400, Duration.ofMillis(500),
                Arrays.asList(0, null, 1), 2);
    }

    @Test
    void everyComponentOfTheRunSpecCrosses() throws Exception {
        RunSpec defaults = Run.receive().build().spec();
        RunSpec changed = everySettingChanged();
        RunSpec back = ChildWire.spec(ChildWire.spec(changed));
        RecordComponent[] components = RunSpec.class.getRecordComponents();
        assertTrue(components.length >= 35, Arrays.toString(components));
        for (RecordComponent c : components) {
            Object d = c.getAccessor().invoke(defaults);
            Object want = c.getAccessor().invoke(changed);
            Object got = c.getAccessor().invoke(back);
            // Cidr holds a byte[]: its lists compare as text
            assertNotEquals(text(d), text(want), c.getName() + ": set it in everySettingChanged, other than its default");
            assertEquals(text(want), text(got), c.getName());
            if (!(want instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Cidr)) {
                assertEquals(want, got, c.getName());
            }
        }
    }

    private static String text(Object v) {
        return String.valueOf(v);
    }

    @Test
    void theSpecGoesByNamedKeysOnOneLine() {
        String line = ChildWire.spec(everySettingChanged());
        assertFalse(line.contains("\n"), line);
        for (String part : List.of("\"connectTimeout\":\"PT3S\"", "\"engine\":\"user\"", "\"kernel\":\"host\"",
                "\"allow\":[\"192.0.2.0/24\",\"2001:db8::/32\"]", "\"affinity\":[0,null,1]", "\"family\":\"V6\"")) {
            assertTrue(line.contains(part), part + " in " + line);
        }
        assertTrue(ChildWire.spec(Run.receive().build().spec()).contains("\"bytes\":null"), "a null is written");
    }

    @Test
    void anUnknownOrMissingKeyOrABadValueIsRefusedByName() {
        String line = ChildWire.spec(everySettingChanged());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChildWire.spec(line.replace("{", "{\"warpFactor\":9,")));
        assertTrue(unknown.getMessage().contains("warpFactor") && unknown.getMessage().contains("another kttcp4j build"),
                unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ChildWire.spec(line.replace("\"port\":5001,", "")));
        assertTrue(missing.getMessage().contains("missing settings [port]"), missing.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> ChildWire.spec("{\"warpFactor\":9}"));
        assertTrue(both.getMessage().contains("unknown settings [warpFactor]")
                && both.getMessage().contains("missing settings [mode, host, kernel"), both.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ChildWire.spec(line.replace("\"PT3S\"", "\"ten seconds\"")));
        assertTrue(bad.getMessage().contains("connectTimeout") && bad.getMessage().contains("ten seconds"),
                bad.getMessage());
        IllegalArgumentException rump = assertThrows(IllegalArgumentException.class,
                () -> ChildWire.spec(line.replace("\"kernel\":\"host\"", "\"kernel\":\"rump\"")));
        assertTrue(rump.getMessage().contains("host kernel"), rump.getMessage());
    }

    /** The child is the accepting end: the receiver's engine and options, or with reverse the sender's. */
    @Test
    void theChildIsTheRecvRunOfTheAcceptingEnd() throws Exception {
        Run forward = Run.loopback().engine("user").receiverEngine("nio").bytes(1 << 20).parallel(2).repeat(3)
                .interval(Duration.ofSeconds(1)).processes(2).build();
        Run child = Run.Builder.of(ChildWire.spec(ChildWire.spec(ChildWire.receiverOf(forward)))).build();
        assertEquals(Mode.ACCEPT, child.mode());
        assertEquals("nio", child.engine());
        assertEquals(List.of("nio"), child.receivingEngines());
        assertNull(child.bytes(), "a receiver takes what comes until EOF, as loopback's receiver in one process");
        assertEquals(2, child.parallel());
        assertEquals(3, child.repeat());
        assertNull(child.interval(), "the connecting process meters");
        assertEquals("127.0.0.1", child.bind());
        assertEquals(0, child.port());
        assertEquals(1, child.processes());

        Run reverse = Run.loopback().engine("user").receiverEngine("splice").reverse(true).bytes(1 << 20)
                .rcvlowat(1 << 20).family(Family.V6).processes(2).build();
        Run sending = Run.Builder.of(ChildWire.spec(ChildWire.spec(ChildWire.receiverOf(reverse)))).build();
        assertEquals("user", sending.engine());
        assertEquals(List.of("user"), sending.sendingEngines());
        assertEquals(1L << 20, sending.bytes());
        assertNull(sending.rcvlowat(), "the receiving options stay with the connecting process");
        assertNotNull(sending.bind());
        assertEquals(InetAddress.getByName("::1"), InetAddress.getByName(sending.bind()));
    }

    @Test
    void processesIsLoopbacksAndOneByDefault() {
        assertEquals(1, Run.loopback().build().processes(), "a library does not start JVMs unasked");
        assertEquals(2, Run.loopback().processes(2).build().processes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Run.send("127.0.0.1").processes(2).build());
        assertTrue(e.getMessage().contains("loopback's"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Run.loopback().processes(3).build());
    }
}
