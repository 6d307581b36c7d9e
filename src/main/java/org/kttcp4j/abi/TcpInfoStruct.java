package org.kttcp4j.abi;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * struct tcp_info in each kernel's layout, for getsockopt(IPPROTO_TCP, TCP_INFO). Fixed-size members only, and
 * Linux's 64-bit ones all fall on 8-byte offsets, so the layout is the same on every architecture (i386's 4-byte
 * alignment of 64-bit members included); the sizes are pinned by TcpInfoLayoutTest. The bit-fields (wscale nibbles; Linux's delivery_rate_app_limited and
 * fastopen_client_fail) are declared as the whole bytes that hold them.
 */
public final class TcpInfoStruct {
    private TcpInfoStruct() {}

    /**
     * Linux, include/uapi/linux/tcp.h, up to tcpi_snd_wnd (the struct as the 6.x headers end it, 232 bytes; a
     * kernel fills min(asked, its own size) and says how much in optlen).
     */
    @Structure.FieldOrder({"tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes", "tcpi_backoff",
        "tcpi_options", "tcpi_wscale", "tcpi_app_limited_fastopen_fail",
        "tcpi_rto", "tcpi_ato", "tcpi_snd_mss", "tcpi_rcv_mss",
        "tcpi_unacked", "tcpi_sacked", "tcpi_lost", "tcpi_retrans", "tcpi_fackets",
        "tcpi_last_data_sent", "tcpi_last_ack_sent", "tcpi_last_data_recv", "tcpi_last_ack_recv",
        "tcpi_pmtu", "tcpi_rcv_ssthresh", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_ssthresh", "tcpi_snd_cwnd",
        "tcpi_advmss", "tcpi_reordering", "tcpi_rcv_rtt", "tcpi_rcv_space", "tcpi_total_retrans",
        "tcpi_pacing_rate", "tcpi_max_pacing_rate", "tcpi_bytes_acked", "tcpi_bytes_received",
        "tcpi_segs_out", "tcpi_segs_in", "tcpi_notsent_bytes", "tcpi_min_rtt", "tcpi_data_segs_in",
        "tcpi_data_segs_out", "tcpi_delivery_rate", "tcpi_busy_time", "tcpi_rwnd_limited", "tcpi_sndbuf_limited",
        "tcpi_delivered", "tcpi_delivered_ce", "tcpi_bytes_sent", "tcpi_bytes_retrans", "tcpi_dsack_dups",
        "tcpi_reord_seen", "tcpi_rcv_ooopack", "tcpi_snd_wnd"})
    public static final class Linux extends Structure {
        public byte tcpi_state;
        public byte tcpi_ca_state;
        public byte tcpi_retransmits;
        public byte tcpi_probes;
        public byte tcpi_backoff;
        public byte tcpi_options;
        /** tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4 */
        public byte tcpi_wscale;
        /** tcpi_delivery_rate_app_limited : 1, tcpi_fastopen_client_fail : 2 */
        public byte tcpi_app_limited_fastopen_fail;
        public int tcpi_rto;
        public int tcpi_ato;
        public int tcpi_snd_mss;
        public int tcpi_rcv_mss;
        public int tcpi_unacked;
        public int tcpi_sacked;
        public int tcpi_lost;
        public int tcpi_retrans;
        public int tcpi_fackets;
        public int tcpi_last_data_sent;
        public int tcpi_last_ack_sent;
        public int tcpi_last_data_recv;
        public int tcpi_last_ack_recv;
        public int tcpi_pmtu;
        public int tcpi_rcv_ssthresh;
        public int tcpi_rtt;
        public int tcpi_rttvar;
        public int tcpi_snd_ssthresh;
        public int tcpi_snd_cwnd;
        public int tcpi_advmss;
        public int tcpi_reordering;
        public int tcpi_rcv_rtt;
        public int tcpi_rcv_space;
        public int tcpi_total_retrans;
        public long tcpi_pacing_rate;
        public long tcpi_max_pacing_rate;
        public long tcpi_bytes_acked;
        public long tcpi_bytes_received;
        public int tcpi_segs_out;
        public int tcpi_segs_in;
        public int tcpi_notsent_bytes;
        public int tcpi_min_rtt;
        public int tcpi_data_segs_in;
        public int tcpi_data_segs_out;
        public long tcpi_delivery_rate;
        public long tcpi_busy_time;
        public long tcpi_rwnd_limited;
        public long tcpi_sndbuf_limited;
        public int tcpi_delivered;
        public int tcpi_delivered_ce;
        public long tcpi_bytes_sent;
        public long tcpi_bytes_retrans;
        public int tcpi_dsack_dups;
        public int tcpi_reord_seen;
        public int tcpi_rcv_ooopack;
        public int tcpi_snd_wnd;

        public Linux() {}

        public Linux(Pointer p) {
            super(p);
        }

        /** The offset JNA computed for a field. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * NetBSD, src: sys/netinet/tcp.h (rev 1.31 and later): Linux's order for the fields they share, the ones
     * NetBSD does not keep named __tcpi_* (here without the underscores), then the FreeBSD/NetBSD extensions
     * and __tcpi_pad[26]: 236 bytes. Filled by tcp_fill_info() in sys/netinet/tcp_usrreq.c.
     */
    @Structure.FieldOrder({"tcpi_state", "tcpi_ca_state", "tcpi_retransmits", "tcpi_probes", "tcpi_backoff",
        "tcpi_options", "tcpi_wscale", "tcpi_pad0",
        "tcpi_rto", "tcpi_ato", "tcpi_snd_mss", "tcpi_rcv_mss",
        "tcpi_unacked", "tcpi_sacked", "tcpi_lost", "tcpi_retrans", "tcpi_fackets",
        "tcpi_last_data_sent", "tcpi_last_ack_sent", "tcpi_last_data_recv", "tcpi_last_ack_recv",
        "tcpi_pmtu", "tcpi_rcv_ssthresh", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_ssthresh", "tcpi_snd_cwnd",
        "tcpi_advmss", "tcpi_reordering", "tcpi_rcv_rtt", "tcpi_rcv_space",
        "tcpi_snd_wnd", "tcpi_snd_bwnd", "tcpi_snd_nxt", "tcpi_rcv_nxt", "tcpi_toe_tid",
        "tcpi_snd_rexmitpack", "tcpi_rcv_ooopack", "tcpi_snd_zerowin", "tcpi_pad"})
    public static final class NetBsd extends Structure {
        public byte tcpi_state;
        /** __tcpi_ca_state */
        public byte tcpi_ca_state;
        /** __tcpi_retransmits: tcp_fill_info sets it to t_sndrexmitpack too, truncated to 8 bits */
        public byte tcpi_retransmits;
        /** __tcpi_probes */
        public byte tcpi_probes;
        /** __tcpi_backoff */
        public byte tcpi_backoff;
        public byte tcpi_options;
        /** tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4 */
        public byte tcpi_wscale;
        /** the compiler's padding before the first uint32_t */
        public byte tcpi_pad0;
        public int tcpi_rto;
        public int tcpi_ato;
        public int tcpi_snd_mss;
        public int tcpi_rcv_mss;
        public int tcpi_unacked;
        public int tcpi_sacked;
        public int tcpi_lost;
        public int tcpi_retrans;
        public int tcpi_fackets;
        public int tcpi_last_data_sent;
        public int tcpi_last_ack_sent;
        public int tcpi_last_data_recv;
        public int tcpi_last_ack_recv;
        public int tcpi_pmtu;
        public int tcpi_rcv_ssthresh;
        public int tcpi_rtt;
        public int tcpi_rttvar;
        public int tcpi_snd_ssthresh;
        public int tcpi_snd_cwnd;
        public int tcpi_advmss;
        public int tcpi_reordering;
        public int tcpi_rcv_rtt;
        public int tcpi_rcv_space;
        public int tcpi_snd_wnd;
        public int tcpi_snd_bwnd;
        public int tcpi_snd_nxt;
        public int tcpi_rcv_nxt;
        public int tcpi_toe_tid;
        public int tcpi_snd_rexmitpack;
        public int tcpi_rcv_ooopack;
        public int tcpi_snd_zerowin;
        /** __tcpi_pad[26] */
        public int[] tcpi_pad = new int[26];

        public NetBsd() {}

        public NetBsd(Pointer p) {
            super(p);
        }

        public int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
