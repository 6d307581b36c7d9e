package org.kttcp4j.abi;

import java.util.OptionalLong;
import org.kttcp4j.PublicApi;

/**
 * What a kernel's TCP_INFO says of one connection, in the units iperf3 reports, whatever the kernel. A field the
 * kernel's struct tcp_info lacks (or an older kernel did not fill: Linux's struct grows, and getsockopt returns
 * how much of it the running kernel wrote) is empty, never zero. Decoded by {@link TcpInfoLayout}.
 *
 * @param retransmits segments retransmitted since the connection opened (Linux tcpi_total_retrans; NetBSD
 *     tcpi_snd_rexmitpack), cumulative
 * @param rttMicros smoothed RTT, tcpi_rtt; NetBSD's is coarse (see {@link TcpInfoLayout#NETBSD_RTT_NOTE})
 * @param rttvarMicros its variation, tcpi_rttvar
 * @param sndCwndSegments tcpi_snd_cwnd: segments on both kernels (NetBSD divides snd_cwnd by t_segsz)
 * @param sndMss tcpi_snd_mss, bytes
 * @param rcvRttMicros the receiver's RTT estimate, Linux's tcpi_rcv_rtt (NetBSD: __tcpi_rcv_rtt, not filled)
 * @param rcvOutOfOrder out-of-order segments received, tcpi_rcv_ooopack (Linux since 5.4; NetBSD)
 * @param options tcpi_options, the options the connection negotiated: TCPI_OPT_TIMESTAMPS 0x1 on both kernels
 *     (Linux include/uapi/linux/tcp.h; NetBSD sys/netinet/tcp.h)
 */
@PublicApi
public record TcpInfo(OptionalLong retransmits, OptionalLong rttMicros, OptionalLong rttvarMicros,
        OptionalLong sndCwndSegments, OptionalLong sndMss, OptionalLong rcvRttMicros, OptionalLong rcvOutOfOrder,
        OptionalLong options) {

    /** TCPI_OPT_TIMESTAMPS: 0x1 in tcpi_options on Linux and NetBSD (docs/netbsd.md, "TCP_INFO"). */
    public static final int TCPI_OPT_TIMESTAMPS = 0x1;

    /**
     * Without tcpi_options (a record read back from a file that did not carry them).
     * @param retransmits segments retransmitted since the connection opened
     * @param rttMicros smoothed RTT, in microseconds
     * @param rttvarMicros its variation, in microseconds
     * @param sndCwndSegments the congestion window, in segments
     * @param sndMss the send MSS, in bytes
     * @param rcvRttMicros the receiver's RTT estimate, in microseconds
     * @param rcvOutOfOrder out-of-order segments received
     */
    public TcpInfo(OptionalLong retransmits, OptionalLong rttMicros, OptionalLong rttvarMicros,
            OptionalLong sndCwndSegments, OptionalLong sndMss, OptionalLong rcvRttMicros, OptionalLong rcvOutOfOrder) {
        this(retransmits, rttMicros, rttvarMicros, sndCwndSegments, sndMss, rcvRttMicros, rcvOutOfOrder,
                OptionalLong.empty());
    }

    /**
     * Whether the connection carries TCP timestamps (12 bytes of each segment), where TCP_INFO said.
     * @return true or false, or empty where tcpi_options was not read
     */
    public java.util.Optional<Boolean> timestamps() {
        return options.isPresent() ? java.util.Optional.of((options.getAsLong() & TCPI_OPT_TIMESTAMPS) != 0)
                : java.util.Optional.empty();
    }

    /**
     * The congestion window in bytes, tcpi_snd_cwnd * tcpi_snd_mss, as iperf3 computes its snd_cwnd.
     * @return the window in bytes, or empty when either field is
     */
    public OptionalLong sndCwndBytes() {
        return sndCwndSegments.isPresent() && sndMss.isPresent()
                ? OptionalLong.of(sndCwndSegments.getAsLong() * sndMss.getAsLong()) : OptionalLong.empty();
    }
}
