package org.kttcp4j.abi;

import com.sun.jna.Memory;
import java.util.OptionalLong;

/**
 * Reads a struct tcp_info that getsockopt(IPPROTO_TCP, TCP_INFO) filled, in the layout of the kernel that
 * filled it ({@link TcpInfoStruct}), into the kernel-neutral {@link TcpInfo}.
 *
 * <p>Units (Linux: include/uapi/linux/tcp.h and net/ipv4/tcp.c tcp_get_info; NetBSD: sys/netinet/tcp_usrreq.c
 * tcp_fill_info): tcpi_rtt and tcpi_rttvar in microseconds; tcpi_snd_cwnd in segments on both (NetBSD:
 * "Linux API wants these in # of segments", snd_cwnd / t_segsz); tcpi_snd_mss in bytes.
 */
public final class TcpInfoLayout {
    /** sizeof(struct tcp_info) as include/uapi/linux/tcp.h of Linux 6.x ends it (at tcpi_snd_wnd). */
    public static final int LINUX_SIZE = 232;
    /** sizeof(struct tcp_info), NetBSD sys/netinet/tcp.h: 8 bytes, 31 uint32_t, __tcpi_pad[26]. */
    public static final int NETBSD_SIZE = 236;

    /**
     * NetBSD's tcpi_rtt is (t_srtt * tick) >> TCP_RTT_SHIFT (tcp_usrreq.c), but t_srtt counts 1/32 of a 500 ms
     * slow tick (tcp_input.c tcp_xmit_timer; tcp_now advances in tcp_slowtimo at PR_SLOWHZ 2), not hardclock
     * ticks: the figure is not microseconds (with hz 100 it is the RTT / 12.5) and its resolution is 500 ms. It
     * is reported as the kernel gives it.
     */
    public static final String NETBSD_RTT_NOTE = "NetBSD's tcpi_rtt counts 500 ms slow ticks scaled by hz, not microseconds";

    private TcpInfoLayout() {}

    /** The buffer getsockopt(TCP_INFO) takes on this kernel. */
    public static int size(Abi abi) {
        return abi == Abi.netbsd() ? NETBSD_SIZE : LINUX_SIZE;
    }

    /** The sizes JNA lays the two structs out at here (checked against {@link #LINUX_SIZE}, {@link #NETBSD_SIZE}). */
    public static int[] computedSizes() {
        return new int[] {new TcpInfoStruct.Linux().size(), new TcpInfoStruct.NetBsd().size()};
    }

    /**
     * Decodes what the kernel wrote: raw[0..length), length being the optlen getsockopt returned. Linux fills
     * min(optlen, its own sizeof): a field past what it wrote is absent.
     */
    public static TcpInfo decode(Abi abi, byte[] raw, int length) {
        int size = size(abi);
        Memory m = new Memory(size);
        m.clear();
        m.write(0, raw, 0, Math.min(Math.min(length, raw.length), size));
        if (abi == Abi.netbsd()) {
            TcpInfoStruct.NetBsd s = new TcpInfoStruct.NetBsd(m);
            s.read();
            if (length < NETBSD_SIZE) {
                throw new IllegalStateException("NetBSD's TCP_INFO returned " + length + " bytes, not sizeof(struct"
                        + " tcp_info) " + NETBSD_SIZE + ": the kernel's struct differs from sys/netinet/tcp.h's");
            }
            return new TcpInfo(u32(s.tcpi_snd_rexmitpack), u32(s.tcpi_rtt), u32(s.tcpi_rttvar), u32(s.tcpi_snd_cwnd),
                    u32(s.tcpi_snd_mss), OptionalLong.empty(), u32(s.tcpi_rcv_ooopack),
                    OptionalLong.of(Byte.toUnsignedLong(s.tcpi_options)));
        }
        TcpInfoStruct.Linux s = new TcpInfoStruct.Linux(m);
        s.read();
        return new TcpInfo(has(s, "tcpi_total_retrans", length) ? u32(s.tcpi_total_retrans) : OptionalLong.empty(),
                has(s, "tcpi_rtt", length) ? u32(s.tcpi_rtt) : OptionalLong.empty(),
                has(s, "tcpi_rttvar", length) ? u32(s.tcpi_rttvar) : OptionalLong.empty(),
                has(s, "tcpi_snd_cwnd", length) ? u32(s.tcpi_snd_cwnd) : OptionalLong.empty(),
                has(s, "tcpi_snd_mss", length) ? u32(s.tcpi_snd_mss) : OptionalLong.empty(),
                has(s, "tcpi_rcv_rtt", length) ? u32(s.tcpi_rcv_rtt) : OptionalLong.empty(),
                has(s, "tcpi_rcv_ooopack", length) ? u32(s.tcpi_rcv_ooopack) : OptionalLong.empty(),
                s.offsetOf("tcpi_options") < length ? OptionalLong.of(Byte.toUnsignedLong(s.tcpi_options))
                        : OptionalLong.empty());
    }

    /**
     * The bytes the kernel has received in order on the connection (Linux's tcpi_bytes_received, a u64, since
     * Linux 4.1), from the same getsockopt; empty on NetBSD, whose struct has no such count (docs/netbsd.md).
     */
    public static OptionalLong bytesReceived(Abi abi, byte[] raw, int length) {
        if (abi == Abi.netbsd()) {
            return OptionalLong.empty();
        }
        TcpInfoStruct.Linux s = new TcpInfoStruct.Linux();
        int at = s.offsetOf("tcpi_bytes_received");
        if (at + Long.BYTES > Math.min(length, raw.length)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(java.nio.ByteBuffer.wrap(raw, at, Long.BYTES).order(java.nio.ByteOrder.nativeOrder())
                .getLong());
    }

    private static boolean has(TcpInfoStruct.Linux s, String field, int length) {
        return s.offsetOf(field) + Integer.BYTES <= length;
    }

    private static OptionalLong u32(int v) {
        return OptionalLong.of(Integer.toUnsignedLong(v));
    }
}
