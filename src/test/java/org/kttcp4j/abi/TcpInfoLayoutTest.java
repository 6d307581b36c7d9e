package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * struct tcp_info per kernel: sizes and offsets pinned to the headers (Linux include/uapi/linux/tcp.h; NetBSD
 * sys/netinet/tcp.h, rev 1.31 of the 2016 tree and its later revisions), and the decoding of what a kernel wrote.
 */
class TcpInfoLayoutTest {
    @Test
    void sizesAreTheHeaders() {
        int[] sizes = TcpInfoLayout.computedSizes();
        assertEquals(232, sizes[0], "Linux: 8 bytes, 24 u32, 4 u64, 6 u32, 4 u64, 2 u32, 2 u64, 5 u32");
        assertEquals(236, sizes[1], "NetBSD: 8 bytes, 23 + 8 uint32_t, __tcpi_pad[26]");
        assertEquals(TcpInfoLayout.LINUX_SIZE, sizes[0]);
        assertEquals(TcpInfoLayout.NETBSD_SIZE, sizes[1]);
        assertEquals(236, TcpInfoLayout.size(Abi.netbsd()));
        assertEquals(232, TcpInfoLayout.size(Abi.linux()));
    }

    @Test
    void linuxOffsets() {
        TcpInfoStruct.Linux s = new TcpInfoStruct.Linux();
        String[] names = {"tcpi_rto", "tcpi_snd_mss", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_cwnd", "tcpi_rcv_rtt",
            "tcpi_total_retrans", "tcpi_pacing_rate", "tcpi_delivery_rate", "tcpi_bytes_sent", "tcpi_rcv_ooopack",
            "tcpi_snd_wnd"};
        int[] offsets = {8, 16, 68, 72, 80, 92, 100, 104, 160, 200, 224, 228};
        assertEquals(128, s.offsetOf("tcpi_bytes_received"), "include/uapi/linux/tcp.h: after tcpi_bytes_acked");
        for (int i = 0; i < names.length; i++) {
            assertEquals(offsets[i], s.offsetOf(names[i]), names[i]);
        }
    }

    @Test
    void netbsdOffsets() {
        TcpInfoStruct.NetBsd s = new TcpInfoStruct.NetBsd();
        String[] names = {"tcpi_rto", "tcpi_snd_mss", "tcpi_rtt", "tcpi_rttvar", "tcpi_snd_cwnd", "tcpi_rcv_space",
            "tcpi_snd_wnd", "tcpi_toe_tid", "tcpi_snd_rexmitpack", "tcpi_rcv_ooopack", "tcpi_snd_zerowin", "tcpi_pad"};
        int[] offsets = {8, 16, 68, 72, 80, 96, 100, 116, 120, 124, 128, 132};
        for (int i = 0; i < names.length; i++) {
            assertEquals(offsets[i], s.offsetOf(names[i]), names[i]);
        }
    }

    @Test
    void optionNumbers() {
        assertEquals(11, Abi.linux().get(Constant.TCP_INFO));
        assertEquals(9, Abi.netbsd().get(Constant.TCP_INFO));
        assertEquals(2, Abi.linux().get(Constant.TCP_MAXSEG));
        assertEquals(2, Abi.netbsd().get(Constant.TCP_MAXSEG));
        assertEquals(13, Abi.linux().get(Constant.TCP_CONGESTION));
        assertFalse(Abi.netbsd().find(Constant.TCP_CONGESTION).isPresent(), "NetBSD has no TCP_CONGESTION");
        assertEquals(0x20, Abi.netbsd().get(Constant.TCP_CONGCTL));
        assertFalse(Abi.linux().find(Constant.TCP_CONGCTL).isPresent());
    }

    private static ByteBuffer buf(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    @Test
    void linuxDecodesWhatTheKernelWroteAndNoMore() {
        ByteBuffer b = buf(232);
        b.putInt(16, 1448).putInt(68, 123).putInt(72, 45).putInt(80, 10).putInt(92, 77).putInt(100, 7)
                .putInt(224, 3);
        TcpInfo full = TcpInfoLayout.decode(Abi.linux(), b.array(), 232);
        assertEquals(OptionalLong.of(7), full.retransmits());
        assertEquals(OptionalLong.of(123), full.rttMicros());
        assertEquals(OptionalLong.of(45), full.rttvarMicros());
        assertEquals(OptionalLong.of(14480), full.sndCwndBytes());
        assertEquals(OptionalLong.of(77), full.rcvRttMicros());
        assertEquals(OptionalLong.of(3), full.rcvOutOfOrder());
        // a kernel older than 5.4 writes 192 bytes or fewer: no tcpi_rcv_ooopack, absent rather than 0
        TcpInfo old = TcpInfoLayout.decode(Abi.linux(), b.array(), 104);
        assertEquals(OptionalLong.of(7), old.retransmits());
        assertTrue(old.rcvOutOfOrder().isEmpty());
        TcpInfo ancient = TcpInfoLayout.decode(Abi.linux(), b.array(), 100);
        assertTrue(ancient.retransmits().isEmpty(), "tcpi_total_retrans ends at 104");
        assertEquals(OptionalLong.of(123), ancient.rttMicros());
    }

    @Test
    void netbsdTakesRetransmitsFromSndRexmitpackAndHasNoReceiverRtt() {
        ByteBuffer b = buf(236);
        b.putInt(16, 1460).putInt(68, 40000).putInt(80, 20).putInt(120, 9).putInt(124, 4).putInt(36, 99);
        TcpInfo t = TcpInfoLayout.decode(Abi.netbsd(), b.array(), 236);
        assertEquals(OptionalLong.of(9), t.retransmits(), "tcpi_snd_rexmitpack, not __tcpi_retrans");
        assertEquals(OptionalLong.of(29200), t.sndCwndBytes());
        assertEquals(OptionalLong.of(4), t.rcvOutOfOrder());
        assertTrue(t.rcvRttMicros().isEmpty(), "__tcpi_rcv_rtt is not filled by NetBSD");
        assertThrows(IllegalStateException.class, () -> TcpInfoLayout.decode(Abi.netbsd(), b.array(), 232));
    }

    @Test
    void bytesReceivedIsLinuxsU64WhereTheKernelWroteItAndNetbsdHasNone() {
        ByteBuffer b = buf(232);
        long big = (5L << 32) + 1234; // above 4 GiB: the count is 64 bits wide
        b.putLong(128, big);
        assertEquals(OptionalLong.of(big), TcpInfoLayout.bytesReceived(Abi.linux(), b.array(), 232));
        assertEquals(OptionalLong.of(big), TcpInfoLayout.bytesReceived(Abi.linux(), b.array(), 136), "ends at 136");
        assertTrue(TcpInfoLayout.bytesReceived(Abi.linux(), b.array(), 135).isEmpty(), "a kernel before 4.1");
        ByteBuffer n = buf(236);
        n.putLong(128, big);
        assertTrue(TcpInfoLayout.bytesReceived(Abi.netbsd(), n.array(), 236).isEmpty(),
                "NetBSD's struct tcp_info has no such count (docs/netbsd.md)");
    }
}
