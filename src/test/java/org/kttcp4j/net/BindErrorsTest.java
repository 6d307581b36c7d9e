package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Kernel;

/** EADDRNOTAVAIL and EADDRINUSE at bind say what to do, from the native and the JDK transport alike. */
class BindErrorsTest {
    /** TEST-NET-1 (RFC 5737): documentation only, never an address of this host. */
    static final String NOT_OURS = "192.0.2.1";

    @Test
    void aListenerOnAnAddressThisHostLacksSaysSo() throws Exception {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(NOT_OURS), 5001);
        ErrnoException n = assertThrows(ErrnoException.class, () -> new NativeTransport(Kernel.host()).listen(at, 1, false));
        assertEquals("bind 192.0.2.1 port 5001: EADDRNOTAVAIL (99) Cannot assign requested address: 192.0.2.1 is not"
                + " an address of this host: bind to one of its own addresses, or to none", n.getMessage());
        IOException j = assertThrows(IOException.class, () -> new JdkTransport().listen(at, 1, false));
        assertEquals("bind 192.0.2.1 port 5001: Cannot assign requested address: 192.0.2.1 is not an address of this"
                + " host: bind to one of its own addresses, or to none", j.getMessage());
    }

    @Test
    void aSenderBoundToAnAddressThisHostLacksSaysSo() throws Exception {
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName(NOT_OURS), 0);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9);
        ErrnoException n = assertThrows(ErrnoException.class, () -> new NativeTransport(Kernel.host()).connect(to, from,
                Duration.ofSeconds(5), AbortHook.NONE));
        assertEquals("bind 192.0.2.1 port 0: EADDRNOTAVAIL (99) Cannot assign requested address: 192.0.2.1 is not an"
                + " address of this host: bind to one of its own addresses, or to none", n.getMessage());
        IOException j = assertThrows(IOException.class, () -> new JdkTransport().connect(to, from, Duration.ofSeconds(5),
                AbortHook.NONE));
        assertEquals("bind 192.0.2.1 port 0: Cannot assign requested address: 192.0.2.1 is not an address of this"
                + " host: bind to one of its own addresses, or to none", j.getMessage());
    }

    @Test
    void aPortInUseSaysChooseAnother() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), busy.getLocalPort());
            String port = Integer.toString(busy.getLocalPort());
            ErrnoException n = assertThrows(ErrnoException.class, () -> new NativeTransport(Kernel.host()).listen(at, 1, false));
            assertEquals("bind 127.0.0.1 port " + port + ": EADDRINUSE (98) Address already in use: port " + port
                    + " is in use: choose another `port` (-p)", n.getMessage());
            IOException j = assertThrows(IOException.class, () -> new JdkTransport().listen(at, 1, false));
            assertEquals("bind 127.0.0.1 port " + port + ": Address already in use: port " + port + " is in use:"
                    + " choose another `port` (-p)", j.getMessage());
        }
    }

    @Test
    void theHintsAreForTheseTwoErrorsOnly() {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        assertEquals(null, Transport.bindHint(Errno.EACCES, at));
        assertEquals("port 1 is in use: choose another `port` (-p)", Transport.bindHint(Errno.EADDRINUSE, at));
    }

    @Test
    void onlyTheIpv6WildcardWithoutV6OnlyFallsBackToIpv4() throws Exception {
        InetSocketAddress any = Family.ANY.wildcard(5001);
        assertEquals(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5001), Transport.ipv4Fallback(any, false));
        assertEquals(null, Transport.ipv4Fallback(any, true), "-6 asked for IPv6");
        assertEquals(null, Transport.ipv4Fallback(new InetSocketAddress(InetAddress.getByName("::1"), 5001), false));
        assertEquals(null, Transport.ipv4Fallback(Family.V4.wildcard(5001), false));
    }
}
