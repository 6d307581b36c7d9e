package org.kttcp4j.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.kttcp4j.PublicApi;

/**
 * An address block, 192.0.2.0/24 or 2001:db8::/32 (or one address): what a server allows to connect.
 *
 * @param prefix the address's bytes: 4 for IPv4, 16 for IPv6
 * @param bits the prefix length, from 0 to 32 (IPv4) or 128 (IPv6)
 */
@PublicApi
public record Cidr(byte[] prefix, int bits) {

    /**
     * Parses "ADDRESS[/BITS]"; throws IllegalArgumentException with the fix.
     * @param s the block, numeric (no name is looked up)
     * @return the block
     */
    public static Cidr parse(String s) {
        String addr = s;
        int bits = -1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            addr = s.substring(0, slash);
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid address block '" + s + "': write ADDRESS/BITS, e.g. 192.0.2.0/24");
            }
        }
        if (addr.isEmpty() || !(Character.digit(addr.charAt(0), 16) >= 0 || addr.charAt(0) == ':')) {
            throw new IllegalArgumentException("invalid address block '" + s + "': give a numeric address, e.g. 192.0.2.0/24 or ::1");
        }
        byte[] a;
        try {
            a = InetAddress.getByName(addr).getAddress(); // numeric: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address block '" + s + "': give a numeric address, e.g. 192.0.2.0/24 or ::1");
        }
        int max = a.length * 8;
        if (bits == -1) {
            bits = max;
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("invalid address block '" + s + "': the prefix length must be 0 to " + max);
        }
        return new Cidr(a, bits);
    }

    /**
     * True when a is in this block (an IPv4 peer of an IPv6 socket, ::ffff:a.b.c.d, counts as IPv4).
     * @param a the address
     * @return true when a is in the block
     */
    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16 && prefix.length == 4 && isV4Mapped(b)) {
            b = Arrays.copyOfRange(b, 12, 16);
        }
        if (b.length != prefix.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (b[full] & mask) == (prefix[full] & mask);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    @Override
    public String toString() {
        try {
            return Hosts.numeric(InetAddress.getByAddress(prefix)) + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
