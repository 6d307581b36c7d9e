package org.kttcp4j.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Numeric host strings as getnameinfo(NI_NUMERICHOST) prints them (Java spells IPv6 out in full). */
public final class Hosts {
    private Hosts() {}

    /** 127.0.0.1, ::1, fe80::1%2: IPv6 in RFC 5952's compressed form, the longest run of zero groups as ::. */
    public static String numeric(InetAddress a) {
        if (!(a instanceof Inet6Address v6)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        if (isV4Mapped(b)) { // ::ffff:127.0.0.1, an IPv4 peer of an IPv6 socket: people write 127.0.0.1
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        if (v6.getScopeId() != 0) {
            s.append('%').append(v6.getScopeId());
        }
        return s.toString();
    }

    /** "127.0.0.1 port 5001", "::1 port 5001": an address and port in messages. */
    public static String endpoint(InetSocketAddress a) {
        return numeric(a.getAddress()) + " port " + a.getPort();
    }

    /** An IPv4-mapped IPv6 address (::ffff:198.18.0.1, an IPv4 peer of an IPv6 socket) as the IPv4 one it is. */
    public static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address && isV4Mapped(a.getAddress())) {
            byte[] b = a.getAddress();
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always an address
            }
        }
        return a;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
