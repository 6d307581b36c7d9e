package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.bench.Sides;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.testing.Descriptors;

/** Every Linux engine with every other on the wire: raw bytes only, so any pair works and both ends agree. */
@EnabledOnOs(OS.LINUX)
class EngineInteropTest {
    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String tx : List.of("splice", "user", "nio")) {
            for (String rx : List.of("splice", "user", "nio")) {
                out.add(Arguments.of(tx, rx));
            }
        }
        return out.stream();
    }

    static RunResult loopback(String tx, String rx, long bytes, Family f) throws Exception {
        RunSettings s = new RunSettings(tx, rx, bytes, null, 0, EngineConfig.DEFAULT_BUFFER, false, f, 0, null);
        try (Engine t = Engines.create(tx, EngineConfig.defaults()); Engine r = Engines.create(rx, EngineConfig.defaults())) {
            return Runs.loopback(s, t, r, "host");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void bothEndsAgree(String tx, String rx) throws Exception {
        long n = 40L * 1024 * 1024 + 4321;
        RunResult r = loopback(tx, rx, n, Family.V4);
        assertEquals(n, r.sides().get(0).transfer().bytes(), tx + " sent");
        assertEquals(n, r.sides().get(1).transfer().bytes(), rx + " received");
        assertEquals(tx, r.sides().get(0).engine());
        assertEquals(rx, r.sides().get(1).engine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"splice", "nio"})
    void ipv6Works(String engine) throws Exception {
        RunResult r = loopback(engine, engine, 8L << 20, Family.V6);
        assertEquals(8L << 20, r.sides().get(1).transfer().bytes());
        assertEquals(InetAddress.getByName("::1"), r.sides().get(0).peer().getAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"splice", "nio"})
    void timedRunsStopAtTheDeadline(String engine) throws Exception {
        RunSettings s = new RunSettings(engine, engine, Long.MAX_VALUE, Duration.ofMillis(400), 0,
                EngineConfig.DEFAULT_BUFFER, false, Family.V4, 0, null);
        try (Engine t = Engines.create(engine, EngineConfig.defaults()); Engine r = Engines.create(engine, EngineConfig.defaults())) {
            RunResult res = Runs.loopback(s, t, r, "host");
            Transfer sent = res.sides().get(0).transfer();
            assertTrue(sent.seconds() >= 0.35 && sent.seconds() < 2, engine + " ran " + sent.seconds());
            assertEquals(sent.bytes(), res.sides().get(1).transfer().bytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"splice", "user", "nio"})
    void aPeerThatResetsGivesAReportedShortCount(String engine) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, lo); Engine e = Engines.create(engine, EngineConfig.defaults())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    in.readNBytes(1 << 20);
                    s.setSoLinger(true, 0);
                } catch (Exception ignored) {
                    // the sender's report is what is checked
                }
            });
            peer.start();
            try (Connection c = e.transport().connect(new InetSocketAddress(lo, server.getLocalPort()))) {
                SideResult r = Sides.send(e, c, Budget.ofBytes(1L << 32), 0, Progress.NONE);
                assertNotNull(r.error(), "the reset ends the send");
                assertTrue(r.transfer().bytes() >= 1 << 20, "kept: " + r.transfer().bytes());
                assertTrue(r.transfer().partial());
            }
            peer.join(10_000);
        }
    }

    @Test
    void spliceLeavesNoDescriptorsBehind() throws Exception {
        loopback("splice", "splice", 1 << 20, Family.V4);
        int before = Descriptors.count();
        for (int i = 0; i < 3; i++) {
            loopback("splice", "splice", 4 << 20, Family.V4);
        }
        assertEquals(before, Descriptors.settle(before), "memfd, pipes and /dev/null are closed");
    }

    @Test
    void spliceRefusesAKernelThatIsNotLinuxs() {
        Kernel netbsdish = new Kernel("rump:/nowhere", org.kttcp4j.abi.Abi.netbsd(), Kernel.host().sys());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SpliceEngine.requireLinuxHost(netbsdish));
        assertTrue(e.getMessage().contains("--engine kttcp"), e.getMessage());
    }

    @Test
    void spliceIsTheDefaultOnLinux() {
        assertEquals("splice", Engines.defaultName(Kernel.host().abi()));
        assertEquals("kttcp", Engines.defaultName(org.kttcp4j.abi.Abi.netbsd()));
    }
}
