package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.CpuTime;

/** What a loopback run's child and its parent tell each other survives the trip, every field of it. */
class ChildCodecTest {
    @Test
    void aRunLineRoundTripsEveryFieldOfEachEnd() throws Exception {
        Run run = Run.receive().build();
        TcpInfo info = new TcpInfo(OptionalLong.of(12), OptionalLong.of(45), OptionalLong.empty(), OptionalLong.of(10),
                OptionalLong.of(65483), OptionalLong.empty(), OptionalLong.of(3));
        SideResult full = new SideResult(Role.RECEIVER, 1, "splice", "kernel sink: recv(MSG_TRUNC) = discard, 1 MiB",
                new Transfer(Transfer.OPEN, 268435456, 159_000_000L, Transfer.Clock.WALL, new CpuTime(20_000, 11_000),
                        257),
                4194304, 1065220, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40047),
                "an error: with spaces\nand a newline", null, info, "bbr", 1, 0);
        SideResult bare = new SideResult(Role.RECEIVER, 2, "kttcp", "ioctl", new Transfer(1000, 10, 5,
                Transfer.Clock.KERNEL, CpuTime.ZERO, 1), 0, 0, new InetSocketAddress(InetAddress.getByName("::1"), 1),
                null, "SIGINT", null, null);
        RunResult r = new RunResult(run, 0, 1, Instant.now(), List.of(full, bare), List.of(), new CpuTime(31_000, 7),
                160_000_000L);
        String line = ChildLines.run(4242, r);
        assertTrue(!line.contains("\n") && line.startsWith(ChildLines.PREFIX + "run "), line);
        ChildLines.Report back = ChildLines.parseRun(line);
        assertEquals(4242, back.pid());
        assertEquals(new CpuTime(31_000, 7), back.cpu());
        assertEquals(160_000_000L, back.wallNanos());
        assertEquals(List.of(full, bare), back.sides());
    }

    @Test
    void theListeningLineNamesTheAddressAndPort() throws Exception {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("::1"), 40000);
        String line = ChildLines.listening(7, at);
        assertEquals("listening", ChildLines.kind(line));
        assertEquals(at, ChildLines.listeningAt(line));
        assertNull(ChildLines.kind("[warning][cds] a JVM's line on stdout"), "not the child's: skipped");
    }

    @Test
    void aLineThatLacksAFieldIsAnErrorThatNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildLines.parseRun(ChildLines.PREFIX + "run pid=1 cpu_user=1 cpu_sys=1 wall=1 sides=1"));
        assertTrue(e.getMessage().contains("s0.requested"), e.getMessage());
    }

    /** Every field of the Builder, set to something other than its default, comes back equal. */
    @Test
    void theSettingsCarryEveryFieldOfTheBuilder() throws Exception {
        Run.Builder b = Run.receive().engine("user").bytes(5_000_000).time(null).sockbufs(List.of(65536, 1 << 20))
                .repeat(3).interval(Duration.ofMillis(250)).parallel(4).reverse(true).buffer(65536).waitAll(true)
                .rcvlowat(4096).sink(org.kttcp4j.engine.Sink.SPLICE).source(org.kttcp4j.engine.Source.SENDFILE).family(Family.V6)
                .port(0).bind("::1").backlog(9).connectTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofMillis(1500))
                .serve(true).allow(List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32")))
                .maxTime(Duration.ofSeconds(60)).maxBytes(1L << 40).congestion("reno").noDelay(true).mss(1400)
                .omit(Duration.ofMillis(500)).processes(2).receiverEngine("nio");
        Run.Builder back = ChildSettings.decode(ChildSettings.encode(b));
        List<Field> fields = ChildSettings.fields();
        assertTrue(fields.size() >= 30, "the Builder's fields: " + fields);
        for (Field f : fields) {
            Object want = f.get(b);
            Object got = f.get(back);
            if (want instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Cidr) {
                assertEquals(want.toString(), got.toString(), f.getName()); // Cidr holds a byte[]: compare as text
            } else {
                assertEquals(want, got, f.getName());
            }
        }
    }

    @Test
    void aSettingThisBuildDoesNotKnowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChildSettings.decode("engine=user warpFactor=9"));
        assertTrue(e.getMessage().contains("warpFactor") && e.getMessage().contains("another kttcp4j build"),
                e.getMessage());
    }

    /** The child is the accepting end: the receiver's engine and options, or with --reverse the sender's. */
    @Test
    void theChildIsTheRecvRunOfTheAcceptingEnd() throws Exception {
        Run forward = Run.loopback().engine("user").receiverEngine("nio").bytes(1 << 20).parallel(2).repeat(3)
                .interval(Duration.ofSeconds(1)).processes(2).build();
        Run child = ChildSettings.decode(ChildSettings.encode(ChildSettings.receiverOf(forward))).build();
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
        Run sending = ChildSettings.decode(ChildSettings.encode(ChildSettings.receiverOf(reverse))).build();
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
