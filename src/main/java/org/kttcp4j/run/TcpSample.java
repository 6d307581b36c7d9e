package org.kttcp4j.run;

import java.util.OptionalLong;
import org.kttcp4j.PublicApi;
import org.kttcp4j.abi.TcpInfo;

/**
 * What TCP_INFO said of one stream end at an interval's end. A sending end's, as iperf3 reports it: the segments
 * retransmitted during the interval, the congestion window in bytes (tcpi_snd_cwnd * tcpi_snd_mss), the smoothed
 * RTT and its variation in microseconds. A receiving end's, what a receiver's TCP_INFO has: its RTT estimate
 * (Linux's tcpi_rcv_rtt) and the out-of-order segments received during the interval (tcpi_rcv_ooopack: NetBSD,
 * Linux since 5.4). A figure the kernel does not give, or that is the other role's, is empty.
 *
 * @param retransmits segments a sender retransmitted during the interval
 * @param sndCwnd a sender's congestion window, in bytes
 * @param rtt a sender's smoothed RTT, in microseconds
 * @param rttvar its variation, in microseconds
 * @param rcvRtt a receiver's RTT estimate, in microseconds
 * @param rcvOutOfOrder out-of-order segments a receiver got during the interval
 */
@PublicApi
public record TcpSample(OptionalLong retransmits, OptionalLong sndCwnd, OptionalLong rtt, OptionalLong rttvar,
        OptionalLong rcvRtt, OptionalLong rcvOutOfOrder) {

    /**
     * A sending end's sample, with no receiver's figure.
     * @param retransmits segments retransmitted during the interval
     * @param sndCwnd the congestion window, in bytes
     * @param rtt the smoothed RTT, in microseconds
     * @param rttvar its variation, in microseconds
     */
    public TcpSample(OptionalLong retransmits, OptionalLong sndCwnd, OptionalLong rtt, OptionalLong rttvar) {
        this(retransmits, sndCwnd, rtt, rttvar, OptionalLong.empty(), OptionalLong.empty());
    }

    /** A sending end's sample for info, given the cumulative retransmit count at the previous sample. */
    static TcpSample of(TcpInfo info, long retransmitsBefore) {
        return new TcpSample(delta(info.retransmits(), retransmitsBefore), info.sndCwndBytes(), info.rttMicros(),
                info.rttvarMicros());
    }

    /** A receiving end's sample for info, given the cumulative out-of-order count at the previous sample. */
    static TcpSample ofReceiver(TcpInfo info, long outOfOrderBefore) {
        OptionalLong none = OptionalLong.empty();
        return new TcpSample(none, none, none, none, info.rcvRttMicros(), delta(info.rcvOutOfOrder(), outOfOrderBefore));
    }

    private static OptionalLong delta(OptionalLong cumulative, long before) {
        return cumulative.isPresent() ? OptionalLong.of(Math.max(0, cumulative.getAsLong() - before)) : OptionalLong.empty();
    }
}
