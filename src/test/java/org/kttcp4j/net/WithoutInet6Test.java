package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.testing.FakeNetBsdKernel;
import org.kttcp4j.posix.Kernels;

/**
 * A kernel without IPv6 (the fake NetBSD kernel refusing AF_INET6 sockets with EAFNOSUPPORT, as a kernel without
 * options INET6 does): a listener given no family takes 0.0.0.0, one given -6 or an IPv6 address fails, and a
 * connect to an IPv6 address fails with EAFNOSUPPORT and no descriptor left, so a sender goes on to the next.
 */
class WithoutInet6Test {
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel().withoutInet6();
    private final NativeTransport t = new NativeTransport(fake.kernel());

    @Test
    void aListenerGivenNoFamilyTakesIpv4AndAcceptsAnIpv4Client() throws Exception {
        try (NativeTransport.NativeAcceptor a = t.listen(Family.ANY.wildcard(0), 1, false)) {
            assertEquals(1, fake.refusedInet6(), "it tried IPv6 first");
            assertEquals(InetAddress.getByName("0.0.0.0"), a.local().getAddress());
            assertTrue(a.local().getPort() > 0);
            try (Socket client = new Socket(InetAddress.getByName("127.0.0.1"), a.local().getPort());
                    NativeTransport.NativeConnection c = a.accept()) {
                assertEquals(InetAddress.getByName("127.0.0.1"), c.peer().getAddress());
                OutputStream out = client.getOutputStream();
                out.write(new byte[] {7, 8, 9});
                client.shutdownOutput();
                try (com.sun.jna.Memory m = new com.sun.jna.Memory(8)) {
                    assertEquals(3, Kernels.sys(fake.kernel()).read(c.fd().get(), m, 8), "the bytes cross the IPv4 socket");
                    assertEquals(9, m.getByte(2));
                }
            }
        }
    }

    @Test
    void theSameListenerOnAKernelWithIpv6TakesTheDualStackWildcard() throws Exception {
        FakeNetBsdKernel withIpv6 = new FakeNetBsdKernel();
        try (NativeTransport.NativeAcceptor a = new NativeTransport(withIpv6.kernel()).listen(Family.ANY.wildcard(0), 1,
                false)) {
            assertEquals(InetAddress.getByName("::"), a.local().getAddress());
            assertEquals(0, withIpv6.refusedInet6());
        }
    }

    @Test
    void minusSixAndANamedIpv6AddressDoNotFallBack() throws Exception {
        ErrnoException v6only = assertThrows(ErrnoException.class, () -> t.listen(Family.V6.wildcard(0), 1, true));
        assertEquals("socket: EAFNOSUPPORT (47) Address family not supported by protocol family", v6only.getMessage());
        ErrnoException named = assertThrows(ErrnoException.class,
                () -> t.listen(new InetSocketAddress(InetAddress.getByName("::1"), 0), 1, false));
        assertEquals("EAFNOSUPPORT", named.errnoName());
        assertEquals(0, fake.openSockets(), "no socket left open");
    }

    @Test
    void aConnectToAnIpv6AddressFailsSoTheSenderCanTryTheNext() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            // the C tool's loop and Streams.connect's: each address of the host in turn, the first that answers
            List<InetSocketAddress> host = List.of(new InetSocketAddress(InetAddress.getByName("::1"), port),
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            List<String> errors = new ArrayList<>();
            NativeTransport.NativeConnection got = null;
            for (InetSocketAddress a : host) {
                try {
                    got = t.connect(a, null, Duration.ofSeconds(10), AbortHook.NONE);
                    break;
                } catch (ErrnoException e) {
                    errors.add(e.errnoName());
                }
            }
            assertEquals(List.of("EAFNOSUPPORT"), errors);
            try (NativeTransport.NativeConnection c = got; Socket peer = server.accept()) {
                assertEquals(InetAddress.getByName("127.0.0.1"), c.peer().getAddress());
                assertEquals(c.peer().getPort(), peer.getLocalPort());
                InputStream in = peer.getInputStream();
                c.shutdownOutput();
                assertEquals(-1, in.read(), "connected: the shutdown arrives as EOF");
            }
            assertEquals(0, fake.openSockets(), "the refused IPv6 socket was never made, nothing left open");
        }
    }
}
