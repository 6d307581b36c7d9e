package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;

/** -C, -N, -M on native sockets, read back with getsockopt on both ends of a loopback connection (Linux). */
class TcpOptionsTest {
    private static final InetSocketAddress ANY_LO = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @ParameterizedTest
    @ValueSource(strings = {"cubic", "reno"})
    void bothEndsRunTheChosenCongestionControlWithNoDelayAndTheMss(String cc) throws Exception {
        assumeTrue(TcpOptions.linuxAvailable().contains(cc), cc + " is not offered by this kernel");
        NativeTransport t = new NativeTransport(Kernel.host());
        t.options(new TcpOptions(cc, true, 1000));
        try (NativeTransport.NativeAcceptor a = t.listen(ANY_LO, 1, false);
                NativeTransport.NativeConnection c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                NativeTransport.NativeConnection s = a.accept()) {
            for (Connection x : new Connection[] {c, s}) {
                assertEquals(cc, x.congestion().orElseThrow());
                assertTrue(x.noDelay());
                int mss = x.maxSegment().orElseThrow();
                assertTrue(mss > 0 && mss <= 1000, "MSS in use " + mss);
            }
        }
    }

    @Test
    void withoutOptionsTheKernelsDefaultsStand() throws Exception {
        NativeTransport t = new NativeTransport(Kernel.host());
        try (NativeTransport.NativeAcceptor a = t.listen(ANY_LO, 1, false);
                NativeTransport.NativeConnection c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                NativeTransport.NativeConnection s = a.accept()) {
            assertFalse(c.noDelay());
            assertTrue(c.maxSegment().orElseThrow() > 1000, "loopback's MSS is large: " + c.maxSegment());
            assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_congestion_control"))
                    .trim(), c.congestion().orElseThrow());
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        NativeTransport t = new NativeTransport(Kernel.host());
        t.options(new TcpOptions("nosuchcc", false, null));
        ErrnoException e = assertThrows(ErrnoException.class, () -> t.listen(ANY_LO, 1, false));
        assertEquals("ENOENT", e.errnoName());
        for (String name : TcpOptions.linuxAvailable()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void netbsdHasNoPerSocketChoiceAndSaysWhatToDo() {
        NativeTransport t = new NativeTransport(Kernels.of("netbsd-abi", Abi.netbsd(), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.options(new TcpOptions("cubic", false, null)));
        assertTrue(e.getMessage().contains("net.inet.tcp.congctl.selected"), e.getMessage());
        t.options(new TcpOptions(null, true, 1200)); // -N and -M are NetBSD's too
    }

    @Test
    void theJdkTransportTakesNoDelayButRefusesTheRest() throws Exception {
        JdkTransport t = new JdkTransport();
        assertThrows(IllegalArgumentException.class, () -> t.options(new TcpOptions(null, false, 1000)));
        assertThrows(IllegalArgumentException.class, () -> t.options(new TcpOptions("cubic", false, null)));
        t.options(new TcpOptions(null, true, null));
        try (Acceptor<JdkTransport.JdkConnection> a = t.listen(ANY_LO, 1, false);
                JdkTransport.JdkConnection c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                JdkTransport.JdkConnection s = a.accept()) {
            assertTrue(c.noDelay());
            assertTrue(s.noDelay());
        }
    }
}
