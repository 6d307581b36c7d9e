package org.kttcp4j.run;

import java.util.OptionalLong;
import org.kttcp4j.abi.TcpInfo;

/**
 * What TCP_INFO said of one sending stream at an interval's end, as iperf3 reports it: the segments retransmitted
 * during the interval, the congestion window in bytes (tcpi_snd_cwnd * tcpi_snd_mss), the smoothed RTT and its
 * variation in microseconds. A figure the kernel does not give is empty.
 */
@org.kttcp4j.PublicApi
public record TcpSample(OptionalLong retransmits, OptionalLong sndCwnd, OptionalLong rtt, OptionalLong rttvar) {

    /** The sample for info, given the cumulative retransmit count at the previous sample. */
    static TcpSample of(TcpInfo info, long retransmitsBefore) {
        OptionalLong r = info.retransmits().isPresent()
                ? OptionalLong.of(Math.max(0, info.retransmits().getAsLong() - retransmitsBefore)) : OptionalLong.empty();
        return new TcpSample(r, info.sndCwndBytes(), info.rttMicros(), info.rttvarMicros());
    }
}
