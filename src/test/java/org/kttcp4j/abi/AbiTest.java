package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pins every number the binding uses to docs/netbsd.md's tables (and NetBSD sources named there). */
class AbiTest {
    private static final Abi N = Abi.netbsd();
    private static final Abi L = Abi.linux();

    @Test
    void netbsdConstantsAreNetbsdAbiMd() {
        int[][] table = {
            {N.get(Constant.AF_INET), 2}, {N.get(Constant.AF_INET6), 24}, {N.get(Constant.SOCK_STREAM), 1},
            {N.get(Constant.SOL_SOCKET), 0xffff}, {N.get(Constant.SO_REUSEADDR), 0x0004},
            {N.get(Constant.SO_SNDBUF), 0x1001}, {N.get(Constant.SO_RCVBUF), 0x1002},
            {N.get(Constant.SO_NOSIGPIPE), 0x0800}, {N.get(Constant.SO_RCVLOWAT), 0x1004}, // sys/sys/socket.h
            {N.get(Constant.IPPROTO_TCP), 6}, {N.get(Constant.TCP_NODELAY), 1},
            {N.get(Constant.IPPROTO_IPV6), 41}, {N.get(Constant.IPV6_V6ONLY), 27},
            {N.get(Constant.O_RDONLY), 0}, {N.get(Constant.O_WRONLY), 1}, {N.get(Constant.O_RDWR), 2},
            {N.get(Constant.O_NONBLOCK), 0x4}, {N.get(Constant.O_CLOEXEC), 0x400000},
            {N.get(Constant.SHUT_RD), 0}, {N.get(Constant.SHUT_WR), 1}, {N.get(Constant.SHUT_RDWR), 2},
            // src: sys/sys/socket.h
            {N.get(Constant.MSG_PEEK), 0x2}, {N.get(Constant.MSG_WAITALL), 0x40}, {N.get(Constant.MSG_NOSIGNAL), 0x400},
            {N.get(Constant.MSG_TRUNC), 0x10}, {N.get(Constant.MSG_DONTWAIT), 0x80}, // sys/sys/socket.h
            {N.get(Constant.POLLIN), 0x1}, {N.get(Constant.POLLOUT), 0x4}, // sys/sys/poll.h
            {Abi.POLLFD_SIZE, 8}, {Abi.POLLFD_EVENTS, 4}, {Abi.POLLFD_REVENTS, 6}, // sys/sys/poll.h: struct pollfd
            {N.get(Constant.RUSAGE_SELF), 0}, // sys/sys/resource.h
            {N.get(Constant.RTLD_NOW), 0x2}, {N.get(Constant.RTLD_GLOBAL), 0x100}, // include/dlfcn.h
        };
        for (int[] row : table) {
            assertEquals(row[1], row[0]);
        }
    }

    @Test
    void linuxConstantsAreNetbsdAbiMdsLinuxColumn() {
        int[][] table = {
            {L.get(Constant.AF_INET), 2}, {L.get(Constant.AF_INET6), 10}, {L.get(Constant.SOL_SOCKET), 1},
            {L.get(Constant.SO_REUSEADDR), 2}, {L.get(Constant.SO_SNDBUF), 7}, {L.get(Constant.SO_RCVBUF), 8},
            {L.get(Constant.SO_RCVLOWAT), 18},
            {L.get(Constant.IPV6_V6ONLY), 26}, {L.get(Constant.O_NONBLOCK), 0x800}, {L.get(Constant.O_CLOEXEC), 0x80000},
            {L.get(Constant.MSG_NOSIGNAL), 0x4000}, {L.get(Constant.MSG_WAITALL), 0x100},
        };
        for (int[] row : table) {
            assertEquals(row[1], row[0]);
        }
        assertFalse(L.find(Constant.SO_NOSIGPIPE).isPresent(), "Linux has no SO_NOSIGPIPE");
    }

    @Test
    void errnoNumbersDifferWhereTheTablesSayTheyDo() {
        String[] names = {"EPERM", "ENOENT", "EINTR", "ENXIO", "EBADF", "EACCES", "ENODEV", "EINVAL", "ENOTTY", "EPIPE",
            "EAGAIN", "ENOTSOCK", "EMSGSIZE", "EADDRINUSE", "ECONNRESET", "ENOTCONN", "ETIMEDOUT", "ECONNREFUSED", "ENOBUFS"};
        int[] netbsd = {1, 2, 4, 6, 9, 13, 19, 22, 25, 32, 35, 38, 40, 48, 54, 57, 60, 61, 55};
        int[] linux = {1, 2, 4, 6, 9, 13, 19, 22, 25, 32, 11, 88, 90, 98, 104, 107, 110, 111, 105};
        for (int i = 0; i < names.length; i++) {
            assertEquals(netbsd[i], N.errno().number(names[i]).getAsInt(), names[i] + " on NetBSD");
            assertEquals(linux[i], L.errno().number(names[i]).getAsInt(), names[i] + " on Linux");
        }
    }

    @Test
    void errnoIsNamedFromTheTargetKernelsTableNotTheHosts() {
        assertEquals("ENOTSOCK", N.errno().lookup(38).name());
        assertEquals("Socket operation on non-socket", N.errno().lookup(38).text());
        assertEquals("ENOSYS", L.errno().lookup(38).name());
        assertEquals("Device not configured", N.errno().lookup(6).text());
        assertEquals("errno 9999", N.errno().lookup(9999).name());
    }

    @Test
    void netbsdRenamesTheVersionedSymbols() {
        assertEquals("__socket30", N.symbol("socket"));
        assertEquals("__getrusage50", N.symbol("getrusage"));
        assertEquals("__gettimeofday50", N.symbol("gettimeofday"));
        assertEquals("__fstat50", N.symbol("fstat"));
        assertEquals("ioctl", N.symbol("ioctl"));
        assertEquals("socket", L.symbol("socket"));
    }

    @Test
    void sockaddrInForNetbsdHasSinLenAndOneByteFamily() throws Exception {
        byte[] sa = N.sockaddr(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 22222));
        // u8 len 16, u8 AF_INET 2, port 22222 = 0x56ce network order, 127.0.0.1, 8 zero bytes
        assertArrayEquals(HexFormat.of().parseHex("1002" + "56ce" + "7f000001" + "0000000000000000"), sa);
    }

    @Test
    void sockaddrInForLinuxHasHostOrderSixteenBitFamily() throws Exception {
        byte[] sa = L.sockaddr(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 5001));
        String family = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0200" : "0002";
        assertArrayEquals(HexFormat.of().parseHex(family + "1389" + "0a010203" + "0000000000000000"), sa);
    }

    @Test
    void sockaddrIn6ForBothKernels() throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("::1"), 22222);
        String addr = "00000000000000000000000000000001";
        assertArrayEquals(HexFormat.of().parseHex("1c18" + "56ce" + "00000000" + addr + "00000000"), N.sockaddr(a));
        String family = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0a00" : "000a";
        assertArrayEquals(HexFormat.of().parseHex(family + "56ce" + "00000000" + addr + "00000000"), L.sockaddr(a));
        assertEquals(28, N.sockaddr(a).length);
    }

    @Test
    void sockaddrsDecodeToWhatWasEncoded() throws Exception {
        for (Abi abi : new Abi[] {N, L}) {
            for (String host : new String[] {"192.0.2.7", "2001:db8::5"}) {
                InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(host), 40000);
                byte[] raw = abi.sockaddr(a);
                assertEquals(a, abi.parseSockaddr(raw, raw.length), abi + " " + host);
            }
        }
    }

    /** docs/netbsd.md, "mbufs and the socket-buffer limit": sb_max * MCLBYTES / (MSIZE + MCLBYTES). */
    @Test
    void netbsdsLargestSocketBufferFollowsTheSbmaxFormula() {
        assertEquals(262144, Abi.NETBSD_SB_MAX_DEFAULT);
        assertEquals(209715, Abi.netbsdLargestSocketBuffer(262144, true), "LP64, MSIZE 512 (observed in the rump lab)");
        assertEquals(233016, Abi.netbsdLargestSocketBuffer(262144, false), "i386 and arm, MSIZE 256");
        // the sbmax the hint asks for really lets the size through, and one less does not
        for (boolean lp64 : new boolean[] {true, false}) {
            for (long want : new long[] {209716, 1 << 20, 4 << 20}) {
                long sbmax = Abi.netbsdSbmaxFor(want, lp64);
                assertTrue(Abi.netbsdLargestSocketBuffer(sbmax, lp64) >= want, "sbmax " + sbmax + " for " + want);
                assertTrue(Abi.netbsdLargestSocketBuffer(sbmax - 1, lp64) < want, "sbmax " + sbmax + " is the least");
            }
        }
    }

    @Test
    void linuxsNewNumbers() {
        assertEquals(0x20, L.get(Constant.MSG_TRUNC)); // include/linux/socket.h
        assertEquals(0x40, L.get(Constant.MSG_DONTWAIT)); // include/linux/socket.h
        assertEquals(0x1, L.get(Constant.POLLIN)); // include/uapi/asm-generic/poll.h
        assertEquals(0x4, L.get(Constant.POLLOUT));
        assertEquals(0, L.get(Constant.RUSAGE_SELF)); // bits/resource.h
        assertEquals(0x2, L.get(Constant.RTLD_NOW)); // bits/dlfcn.h
        assertEquals(0x100, L.get(Constant.RTLD_GLOBAL));
        assertEquals(4, L.errno().require("EINTR"));
        assertEquals(4, N.errno().require("EINTR"));
    }
}
