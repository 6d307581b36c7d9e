package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
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
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.testing.Descriptors;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.posix.Syscalls;

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
        return Run.loopback().engine(tx).receiverEngine(rx).bytes(bytes).family(f).build()
                .execute(RunListener.NONE).last().orElseThrow();
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
        assertTrue(!r.failed());
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
        RunResult res = Run.loopback().engine(engine).time(Duration.ofMillis(400)).build().execute(RunListener.NONE)
                .last().orElseThrow();
        Transfer sent = res.sides().get(0).transfer();
        assertTrue(sent.seconds() >= 0.35 && sent.seconds() < 5, engine + " ran " + sent.seconds());
        assertEquals(sent.bytes(), res.sides().get(1).transfer().bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"splice", "user", "nio"})
    void aPeerThatResetsGivesAReportedShortCount(String engine) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, lo)) {
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
            RunResult run = Run.send("127.0.0.1").port(server.getLocalPort()).engine(engine).bytes(1L << 32).build()
                    .execute(RunListener.NONE).last().orElseThrow();
            SideResult r = run.sides().get(0);
            assertNotNull(r.error(), "the reset ends the send");
            assertTrue(r.error().contains("ECONNRESET") || r.error().contains("EPIPE")
                    || r.error().toLowerCase(java.util.Locale.ROOT).contains("reset")
                    || r.error().toLowerCase(java.util.Locale.ROOT).contains("broken pipe"), r.error());
            assertTrue(r.transfer().bytes() >= 1 << 20, "kept: " + r.transfer().bytes());
            assertTrue(r.transfer().partial() && run.failed());
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
        Descriptors.assertNoneLeaked(before); // memfd, pipes and /dev/null are closed
    }

    @Test
    void hostOnlyEnginesRefuseAnotherKernel() {
        Kernel netbsdish = Kernels.of("rump:/nowhere", Abi.netbsd(), new FakeSyscalls());
        for (String engine : List.of("splice", "nio")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> Engines.create(engine, new EngineConfig(netbsdish, EngineConfig.DEFAULT_BUFFER, false)));
            assertTrue(e.getMessage().contains("`engine` kttcp"), e.getMessage());
        }
    }

    @Test
    void theDefaultEngineIsTheKernelsOwnSourceAndSink() {
        assertEquals("splice", Engines.defaultName(Kernel.host()));
        assertEquals("kttcp", Engines.defaultName(Kernels.of("rump:/nowhere", Abi.netbsd(),
                new FakeSyscalls())));
    }

    /** Syscalls that are never called: a kernel that is not the host's, for refusals. */
    static final class FakeSyscalls implements Syscalls {
        @Override public int open(String p, int f, int m) { throw new AssertionError(); }
        @Override public int close(int fd) { throw new AssertionError(); }
        @Override public int ioctl(int fd, com.sun.jna.NativeLong r, com.sun.jna.Pointer a) { throw new AssertionError(); }
        @Override public int socket(int d, int t, int p) { throw new AssertionError(); }
        @Override public int bind(int fd, byte[] sa, int l) { throw new AssertionError(); }
        @Override public int listen(int fd, int b) { throw new AssertionError(); }
        @Override public int accept(int fd, byte[] sa, int[] l) { throw new AssertionError(); }
        @Override public int connect(int fd, byte[] sa, int l) { throw new AssertionError(); }
        @Override public int getsockname(int fd, byte[] sa, int[] l) { throw new AssertionError(); }
        @Override public int setsockopt(int fd, int lv, int n, int[] v, int l) { throw new AssertionError(); }
        @Override public int getsockopt(int fd, int lv, int n, int[] v, int[] l) { throw new AssertionError(); }
        @Override public int setsockopt(int fd, int lv, int n, byte[] v, int l) { throw new AssertionError(); }
        @Override public int getsockopt(int fd, int lv, int n, byte[] v, int[] l) { throw new AssertionError(); }
        @Override public int shutdown(int fd, int h) { throw new AssertionError(); }
        @Override public int read(int fd, com.sun.jna.Pointer b, int n) { throw new AssertionError(); }
        @Override public int write(int fd, com.sun.jna.Pointer b, int n) { throw new AssertionError(); }
        @Override public int recvfrom(int fd, com.sun.jna.Pointer b, int n, int f, com.sun.jna.Pointer x, com.sun.jna.Pointer y) { throw new AssertionError(); }
        @Override public int sendto(int fd, com.sun.jna.Pointer b, int n, int f, com.sun.jna.Pointer x, int y) { throw new AssertionError(); }
        @Override public int poll(com.sun.jna.Pointer p, int n, int t) { throw new AssertionError(); }
        @Override public int errno() { throw new AssertionError(); }
    }
}
