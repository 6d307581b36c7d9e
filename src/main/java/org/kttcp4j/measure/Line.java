package org.kttcp4j.measure;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line: the most TCP payload a link of a given speed can carry, with the connection's MTU, MSS and
 * options. Each full segment carries {@link #payload} bytes of data in {@link #wireBytes} bytes of link time:
 * the payload, the TCP header (20 bytes, RFC 9293) and its timestamps option when negotiated (10 bytes padded
 * to 12, RFC 7323), the IP header (20 for IPv4, RFC 791; 40 for IPv6, RFC 8200), and the framing's overhead:
 * {@link Framing#ETHERNET}'s 38 bytes (preamble and start delimiter 8, header 14, FCS 4, inter-frame gap 12:
 * IEEE 802.3) or {@link Framing#L2}'s 14 (a shaper such as Linux's tbf counts the frame from its Ethernet
 * header, no FCS, preamble or gap). The payload is the MSS the kernel uses (TCP_INFO's tcpi_snd_mss, which both
 * kernels give net of options), or what the MTU leaves when the MSS is unknown. docs/nic.md works examples:
 * 10 Gbit/s at MTU 1500 with timestamps carries 1448 of 1538 bytes, 9.415 Gbit/s.
 *
 * @param speedBitsPerSecond the link's speed
 * @param mtu the interface's MTU
 * @param framing what the speed counts
 * @param payload TCP payload bytes per full segment
 * @param wireBytes the bytes of link time each segment takes
 */
public record Line(long speedBitsPerSecond, int mtu, Framing framing, int payload, int wireBytes) {
    /** The IPv4 header without options, in bytes (RFC 791). */
    public static final int IPV4_HEADER = 20;
    /** The IPv6 header, in bytes (RFC 8200). */
    public static final int IPV6_HEADER = 40;
    /** The TCP header without options, in bytes (RFC 9293). */
    public static final int TCP_HEADER = 20;
    /** The TCP timestamps option padded to a 4-byte boundary, in bytes (RFC 7323). */
    public static final int TCP_TIMESTAMPS = 12;

    /** What a speed counts: every byte on an Ethernet wire, or the layer-2 frame a shaper counts. */
    public enum Framing {
        /** Preamble 7 + start delimiter 1 + header 14 + FCS 4 + inter-frame gap 12 (IEEE 802.3). */
        ETHERNET(38),
        /** The 14-byte Ethernet header only: what tbf and other Linux qdiscs count (skb->len). */
        L2(14);

        private final int overhead;

        Framing(int overhead) {
            this.overhead = overhead;
        }

        /**
         * The bytes a frame adds to a segment's IP packet under this framing.
         * @return the overhead in bytes
         */
        public int overhead() {
            return overhead;
        }

        /**
         * "ethernet" or "l2", as --line-rate takes it.
         * @return the label
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The line of a link of speed S at MTU M for a connection whose MSS is mss (empty: what the MTU leaves),
     * over IPv6 or IPv4, with or without TCP timestamps.
     * @param speedBitsPerSecond the link's speed, above 0
     * @param mtu the interface's MTU, in bytes
     * @param mss the connection's MSS (tcpi_snd_mss), or empty
     * @param timestamps true when the connection negotiated TCP timestamps
     * @param ipv6 true for IPv6, false for IPv4
     * @param framing what the speed counts
     * @return the line
     */
    public static Line of(long speedBitsPerSecond, int mtu, OptionalLong mss, boolean timestamps, boolean ipv6,
            Framing framing) {
        if (speedBitsPerSecond <= 0) {
            throw new IllegalArgumentException("a line needs a speed above 0, got " + speedBitsPerSecond);
        }
        int headers = (ipv6 ? IPV6_HEADER : IPV4_HEADER) + TCP_HEADER + (timestamps ? TCP_TIMESTAMPS : 0);
        int fits = mtu - headers;
        if (fits <= 0) {
            throw new IllegalArgumentException("MTU " + mtu + " leaves no room for TCP payload after " + headers
                    + " bytes of headers");
        }
        int payload = mss.isPresent() && mss.getAsLong() > 0 ? (int) Math.min(mss.getAsLong(), fits) : fits;
        return new Line(speedBitsPerSecond, mtu, framing, payload, payload + headers + framing.overhead());
    }

    /**
     * The goodput ceiling: speed * payload / wire bytes.
     * @return the ceiling, in bits per second
     */
    public double bitsPerSecond() {
        return (double) speedBitsPerSecond * payload / wireBytes;
    }

    /**
     * The goodput ceiling in Gbit/s (10^9 bits per second).
     * @return the ceiling
     */
    public double gbits() {
        return bitsPerSecond() / 1e9;
    }

    /**
     * A measured rate as a percent of the line.
     * @param measuredBitsPerSecond the measured rate, in bits per second
     * @return the percentage of {@link #bitsPerSecond()}
     */
    public double percent(double measuredBitsPerSecond) {
        return measuredBitsPerSecond / bitsPerSecond() * 100;
    }

    /**
     * "9.415 Gbit/s at MTU 1500".
     * @return the ceiling and the MTU, in words
     */
    public String describe() {
        return describe(bitsPerSecond(), mtu);
    }

    /**
     * A line of bitsPerSecond at MTU mtu, as {@link #describe()} says it (a file's line read back, say).
     * @param bitsPerSecond the line's ceiling, in bits per second
     * @param mtu the MTU
     * @return the words
     */
    public static String describe(double bitsPerSecond, int mtu) {
        return rate(bitsPerSecond) + " at MTU " + mtu;
    }

    /**
     * A rate to four significant digits, plain: in Gbit/s from 0.1 Gbit/s up (9.415, 0.9564, 40), else in
     * Mbit/s, kbit/s or bit/s (a --line-rate of 1k: "0.9990 kbit/s").
     * @param bitsPerSecond the rate
     * @return the rate and its unit
     */
    public static String rate(double bitsPerSecond) {
        String[] units = {"Gbit/s", "Mbit/s", "kbit/s", "bit/s"};
        double[] scale = {1e9, 1e6, 1e3, 1};
        int u = 0;
        while (u < units.length - 1 && bitsPerSecond < scale[u] / 10) {
            u++;
        }
        java.math.BigDecimal v = new java.math.BigDecimal(bitsPerSecond / scale[u]).round(new java.math.MathContext(4));
        return (v.compareTo(java.math.BigDecimal.ONE.movePointRight(4)) >= 0 ? v.setScale(0, java.math.RoundingMode.HALF_UP)
                : v).toPlainString() + " " + units[u];
    }

    /**
     * --line-rate RATE[:FRAMING]: a speed where the kernel gives none, or where a shaper sets it.
     *
     * @param bitsPerSecond the speed
     * @param framing null: ethernet
     */
    public record Rate(long bitsPerSecond, Framing framing) {
        private static final Pattern FORM = Pattern.compile("(?i)([0-9]+(?:\\.[0-9]+)?)([kmgt]?)(bit)?(?::(\\w+))?");

        /**
         * 10gbit, 1gbit:l2, 2.5G, 100mbit:ethernet, 1000000000 (bit/s; k, m, g, t are powers of 1000).
         * @param text the option's value
         * @return the rate
         */
        public static Rate parse(String text) {
            Matcher m = FORM.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--line-rate '" + text + "' is not RATE[:FRAMING]: give bits per"
                        + " second with k, m, g or t (powers of 1000), e.g. 10gbit, 2.5g or 1gbit:l2");
            }
            double v = Double.parseDouble(m.group(1));
            double scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1e3;
                case "m" -> 1e6;
                case "g" -> 1e9;
                case "t" -> 1e12;
                default -> 1;
            };
            long bits = Math.round(v * scale);
            if (bits <= 0) {
                throw new IllegalArgumentException("--line-rate '" + text + "' must be above 0 bit/s, e.g. 10gbit");
            }
            Framing f = Framing.ETHERNET;
            if (m.group(4) != null) {
                try {
                    f = Framing.valueOf(m.group(4).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--line-rate framing '" + m.group(4) + "' is not ethernet or l2"
                            + " (ethernet: the wire's 38 bytes per frame; l2: the 14 a shaper such as tbf counts)");
                }
            }
            return new Rate(bits, f);
        }
    }
}
