package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.kttcp4j.posix.Kernels;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.net.AbortHook;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.testing.Descriptors;

/** Native sockets against the JDK's own sockets: a peer kttcp4j did not write. */
class NativeTransportTest {
    private final NativeTransport t = new NativeTransport(Kernel.host());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void acceptsAJdkClientAndSeesItsAddress(String host) throws Exception {
        InetAddress ip = InetAddress.getByName(host);
        try (NativeTransport.NativeAcceptor a = t.listen(new InetSocketAddress(ip, 0), 1, false);
                Socket client = new Socket(ip, a.local().getPort());
                NativeTransport.NativeConnection c = a.accept()) {
            assertTrue(a.local().getPort() > 0);
            assertEquals(ip, c.peer().getAddress());
            assertEquals(client.getLocalPort(), c.peer().getPort());
            client.getOutputStream().write(new byte[] {1, 2, 3});
            client.shutdownOutput();
            try (com.sun.jna.Memory m = new com.sun.jna.Memory(16)) {
                long n = Kernels.sys(Kernel.host()).read(c.fd().get(), m, 16);
                assertEquals(3, n);
                assertEquals(3, m.getByte(2));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void connectsToAJdkServerAndReportsTheBuffersTheKernelSet(String host) throws Exception {
        InetAddress ip = InetAddress.getByName(host);
        try (ServerSocket server = new ServerSocket(0, 1, ip);
                NativeTransport.NativeConnection c = t.connect(new InetSocketAddress(ip, server.getLocalPort()), null,
                        Duration.ofSeconds(10), AbortHook.NONE);
                Socket peer = server.accept()) {
            c.setSendBufferSize(65536);
            c.setReceiveBufferSize(65536);
            // Linux doubles what was asked (socket(7)); either way the figure is the kernel's, not ours
            assertTrue(c.sendBufferSize() >= 65536, "sndbuf " + c.sendBufferSize());
            assertTrue(c.receiveBufferSize() >= 65536, "rcvbuf " + c.receiveBufferSize());
            try (com.sun.jna.Memory m = new com.sun.jna.Memory(4)) {
                m.setInt(0, 0x01020304);
                assertEquals(4, Kernels.sys(Kernel.host()).write(c.fd().get(), m, 4));
            }
            c.shutdownOutput();
            InputStream in = peer.getInputStream();
            byte[] got = in.readAllBytes();
            assertEquals(0x01020304, java.nio.ByteBuffer.wrap(got).order(java.nio.ByteOrder.nativeOrder()).getInt(),
                    "the four bytes written through the native descriptor arrive, then EOF");
        }
    }

    @Test
    void aRefusedConnectNamesTheErrorAndLeaksNoDescriptor() throws Exception {
        // a port bound and never listened on stays refused for as long as the test holds it
        try (Socket holder = new Socket()) {
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = holder.getLocalPort();
            int before = Descriptors.count();
            ErrnoException e = assertThrows(ErrnoException.class, () -> t.connect(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), null, Duration.ofSeconds(10),
                    AbortHook.NONE));
            assertEquals("ECONNREFUSED", e.errnoName());
            assertTrue(e.getMessage().startsWith("connect to 127.0.0.1 port " + port + ": ECONNREFUSED"), e.getMessage());
            Descriptors.assertNoneLeaked(before);
        }
    }

    @Test
    void aConnectWithNoAnswerEndsAtItsTimeoutWithTheLikelyCause() throws Exception {
        // a listener that never accepts, its backlog full: Linux drops further SYNs, so connect waits
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 1, lo)) {
            InetSocketAddress at = new InetSocketAddress(lo, server.getLocalPort());
            java.util.List<Socket> fill = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(at, 200);
                    } catch (java.net.SocketTimeoutException full) {
                        s.close();
                        break;
                    }
                    fill.add(s);
                }
                int before = Descriptors.count();
                long t0 = System.nanoTime();
                java.net.SocketTimeoutException e = assertThrows(java.net.SocketTimeoutException.class,
                        () -> t.connect(at, null, Duration.ofMillis(300), AbortHook.NONE));
                double s = (System.nanoTime() - t0) / 1e9;
                assertTrue(s >= 0.29 && s < 3, "ended after " + s + " s");
                assertEquals("connect to 127.0.0.1 port " + at.getPort() + ": no answer in 300 ms: is the receiver"
                        + " running and reachable (a firewall may drop the packets)? `connectTimeout` sets the wait",
                        e.getMessage());
                Descriptors.assertNoneLeaked(before);
            } finally {
                for (Socket s : fill) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aBusyPortIsEaddrinuse() throws Exception {
        try (NativeTransport.NativeAcceptor a = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false)) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> t.listen(a.local(), 1, false));
            assertEquals("EADDRINUSE", e.errnoName());
        }
    }

    @Test
    void abortEndsABlockedAccept() throws Exception {
        try (NativeTransport.NativeAcceptor a = t.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1, false)) {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                a.abort();
            });
            killer.start();
            long t0 = System.nanoTime();
            assertThrows(ErrnoException.class, a::accept);
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            killer.join(5000);
        }
    }

    @Test
    void hostsPrintsAddressesAsGetnameinfoDoes() throws Exception {
        assertEquals("::1", Hosts.numeric(InetAddress.getByName("::1")));
        assertEquals("2001:db8::1:0:0:1", Hosts.numeric(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("fe80::1", Hosts.numeric(InetAddress.getByName("fe80:0:0:0:0:0:0:1")));
        assertEquals("127.0.0.1", Hosts.numeric(InetAddress.getByName("127.0.0.1")));
    }
}
