package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.Kernel;

/** TCP_INFO read through the kernel seam on real loopback connections. */
class TcpInfoTest {
    @Test
    void afterATransferRttAndCwndAreThereAndPlausible() throws Exception {
        Kernel k = Kernel.host();
        NativeTransport t = new NativeTransport(k);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (NativeTransport.NativeAcceptor a = t.listen(new InetSocketAddress(lo, 0), 1, false);
                NativeTransport.NativeConnection c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                NativeTransport.NativeConnection s = a.accept();
                Memory m = new Memory(1 << 16)) {
            m.clear();
            long sent = 0;
            for (int i = 0; i < 64; i++) { // 4 MiB, read as it goes so the sender never blocks for long
                int w = k.check("write", Kernels.sys(k).write(c.fd().get(), m, (int) m.size()));
                sent += w;
                long got = 0;
                while (got < w) {
                    got += k.check("read", Kernels.sys(k).read(s.fd().get(), m, (int) m.size()));
                }
            }
            assertEquals(4 << 20, sent);
            TcpInfo snd = c.tcpInfo().orElseThrow();
            assertTrue(snd.rttMicros().orElseThrow() > 0, "rtt " + snd);
            assertTrue(snd.rttMicros().getAsLong() < 1_000_000, "loopback rtt under a second: " + snd);
            assertTrue(snd.sndCwndSegments().orElseThrow() > 0, "cwnd " + snd);
            assertTrue(snd.sndMss().orElseThrow() > 0, "mss " + snd);
            assertEquals(snd.sndCwndSegments().getAsLong() * snd.sndMss().getAsLong(),
                    snd.sndCwndBytes().orElseThrow());
            assertTrue(snd.retransmits().isPresent(), "Linux has tcpi_total_retrans: " + snd);
            TcpInfo rcv = s.tcpInfo().orElseThrow();
            assertTrue(rcv.rcvRttMicros().isPresent(), "the receiver has its RTT estimate: " + rcv);
        }
    }

    @Test
    void aJdkConnectionSaysNothingRatherThanZero() throws Exception {
        JdkTransport t = new JdkTransport();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        try (Acceptor<JdkTransport.JdkConnection> a = t.listen(at, 1, false);
                JdkTransport.JdkConnection c = t.connect(a.local(), null, Duration.ofSeconds(10), AbortHook.NONE);
                JdkTransport.JdkConnection s = a.accept()) {
            assertTrue(c.tcpInfo().isEmpty());
            assertTrue(s.tcpInfo().isEmpty());
        }
    }

}
