package org.kttcp4j.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.PublicApi;

/** Which IP versions a run may use (-4, -6, or either), and name resolution under that choice, in Java. */
@PublicApi
public enum Family {
    /** IPv4 or IPv6, whichever the name resolves to first (neither -4 nor -6). */
    ANY,
    /** IPv4 only (-4). */
    V4,
    /** IPv6 only (-6). */
    V6;

    /**
     * Whether this family allows an address.
     * @param a the address
     * @return true for any address under ANY, else for one of this family's version
     */
    public boolean accepts(InetAddress a) {
        return switch (this) {
            case ANY -> true;
            case V4 -> a instanceof Inet4Address;
            case V6 -> a instanceof Inet6Address;
        };
    }

    /**
     * Every address of host this family allows, in the resolver's order.
     * @param host a host name or an address literal
     * @param port the port each address gets
     * @return the addresses, never empty
     * @throws IOException when the name does not resolve, or has no address of this family (the message names the fix)
     */
    public List<InetSocketAddress> resolve(String host, int port) throws IOException {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve host '" + host + "': check the name or give an address");
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : all) {
            if (accepts(a)) {
                out.add(new InetSocketAddress(a, port));
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException("host '" + host + "' has no " + (this == V4 ? "IPv4" : "IPv6")
                    + " address: drop -" + (this == V4 ? "4" : "6") + " or give another host");
        }
        return out;
    }

    /**
     * The wildcard to listen on: 0.0.0.0 for -4, :: otherwise (with -6 IPv6 only; without, IPv4 too, or IPv4 alone
     * where the kernel has no IPv6: {@link Transport#listen}).
     * @param port the port to listen on (0: any free one)
     * @return the wildcard address and port
     * @throws UnknownHostException never in practice: the address is a literal
     */
    public InetSocketAddress wildcard(int port) throws UnknownHostException {
        return new InetSocketAddress(wildcardAddress(), port);
    }

    /** 0.0.0.0 for V4, :: otherwise: literals, so no resolver is asked. */
    InetAddress wildcardAddress() {
        try {
            return InetAddress.getByAddress(new byte[this == V4 ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are IP addresses", e);
        }
    }

    /**
     * The loopback address of this family: 127.0.0.1, or ::1 for -6.
     * @param port the port
     * @return the loopback address and port
     * @throws UnknownHostException never in practice: the address is a literal
     */
    public InetSocketAddress loopback(int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(this == V6 ? "::1" : "127.0.0.1"), port);
    }
}
