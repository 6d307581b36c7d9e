package org.kttcp4j.net;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.abi.TcpInfoLayout;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Kernels;

/**
 * TCP sockets made with a kernel's own system calls, so their descriptors can be handed to that kernel
 * (kttcp's ioctl takes the descriptor, not a Java object). Names are resolved by the caller, in Java: the
 * sockaddr is encoded here in the kernel's format (NetBSD's sin_len, Linux's 16-bit family).
 */
public final class NativeTransport implements Transport<NativeTransport.NativeConnection> {
    private final Kernel kernel;

    public NativeTransport(Kernel kernel) {
        this.kernel = kernel;
    }

    public Kernel kernel() {
        return kernel;
    }

    private volatile TcpOptions options = TcpOptions.NONE;

    /** Refuses -C on NetBSD (no per-socket congestion control, docs/netbsd.md); the rest is set per socket. */
    @Override
    public void options(TcpOptions o) {
        if (o.congestion() != null && Kernels.abi(kernel).find(Constant.TCP_CONGESTION).isEmpty()) {
            throw new IllegalArgumentException(TcpOptions.NETBSD_CONGESTION);
        }
        if (o.mss() != null && o.mss() <= 0) {
            throw new IllegalArgumentException("`mss` must be more than 0, got " + o.mss());
        }
        this.options = o;
    }

    private Fd socketFor(InetSocketAddress a) throws IOException {
        int family = Kernels.c(kernel, a.getAddress() instanceof Inet6Address ? Constant.AF_INET6 : Constant.AF_INET);
        Fd fd = Fd.own(kernel, "socket", Kernels.sys(kernel).socket(family, Kernels.c(kernel, Constant.SOCK_STREAM), 0), "socket");
        try {
            beforeConnect(fd);
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
        return fd;
    }

    /**
     * The options a socket takes before it connects or listens (an accepted socket inherits them from its
     * listener): TCP_NODELAY on both kernels (NetBSD: syn_cache_get copies TF_NODELAY, sys/netinet/tcp_input.c);
     * on Linux TCP_MAXSEG, which only clamps the MSS of a connection still to be made (tcp_connect_init), and
     * TCP_CONGESTION (a child inherits its listener's, tcp_ca_openreq_child).
     */
    private void beforeConnect(Fd fd) throws ErrnoException {
        TcpOptions o = options;
        if (o.noDelay()) {
            setInt(fd, Constant.IPPROTO_TCP, Constant.TCP_NODELAY, 1, "setsockopt TCP_NODELAY");
        }
        boolean linux = Kernels.abi(kernel).find(Constant.TCP_CONGESTION).isPresent();
        if (linux && o.mss() != null) {
            setInt(fd, Constant.IPPROTO_TCP, Constant.TCP_MAXSEG, o.mss(), "setsockopt TCP_MAXSEG " + o.mss());
        }
        if (linux && o.congestion() != null) {
            setCongestion(fd, o.congestion());
        }
    }

    /**
     * The options a connected socket takes: on NetBSD TCP_MAXSEG, which only lowers t_peermss, the peer's MSS
     * once known (sys/netinet/tcp_usrreq.c: EINVAL above it, so not before the connection exists).
     */
    private NativeConnection connected(NativeConnection c) throws ErrnoException {
        TcpOptions o = options;
        if (o.mss() != null && Kernels.abi(kernel).find(Constant.TCP_CONGESTION).isEmpty()) {
            int peer = getInt(c.fd, Constant.IPPROTO_TCP, Constant.TCP_MAXSEG, "getsockopt TCP_MAXSEG");
            if (o.mss() < peer) {
                setInt(c.fd, Constant.IPPROTO_TCP, Constant.TCP_MAXSEG, o.mss(), "setsockopt TCP_MAXSEG " + o.mss());
            }
        }
        return c;
    }

    /** Linux's TCP_CONGESTION takes the name without its NUL; ENOENT: no such algorithm in this kernel. */
    private void setCongestion(Fd fd, String name) throws ErrnoException {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        int r = Kernels.sys(kernel).setsockopt(fd.get(), Kernels.c(kernel, Constant.IPPROTO_TCP), Kernels.c(kernel, Constant.TCP_CONGESTION),
                b, b.length);
        if (r == -1) {
            ErrnoException e = kernel.error("setsockopt TCP_CONGESTION " + name);
            if (e.is(Errno.ENOENT)) {
                throw e.withHint(TcpOptions.unknownCongestion(name, TcpOptions.linuxAvailable()));
            }
            throw e;
        }
    }

    /**
     * A blocking connect(2), bounded: past the timeout a watchdog shuts the socket down, which ends the
     * connect on Linux and NetBSD alike (both drop a SYN_SENT socket on shutdown), and the timeout is reported.
     */
    @Override
    public NativeConnection connect(InetSocketAddress to, InetSocketAddress bind, Duration timeout, AbortHook hook)
            throws IOException {
        Fd fd = socketFor(to);
        try {
            if (bind != null) {
                bind(fd, bind);
            }
            byte[] sa = Kernels.abi(kernel).sockaddr(to);
            AtomicBoolean timedOut = new AtomicBoolean();
            int r;
            try (Watchdog.Armed w = Watchdog.arm(timeout, () -> {
                timedOut.set(true);
                fd.shutdown(Kernels.c(kernel, Constant.SHUT_RDWR));
            }); Watchdog.Armed a = hook.register(() -> fd.shutdown(Kernels.c(kernel, Constant.SHUT_RDWR)))) {
                r = Kernels.sys(kernel).connect(fd.get(), sa, sa.length);
            }
            if (timedOut.get()) {
                throw Transport.connectTimedOut(to, timeout);
            }
            kernel.check("connect to " + Hosts.endpoint(to), r);
            return connected(new NativeConnection(fd, to));
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    @Override
    public NativeAcceptor listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException {
        try {
            return listenOn(at, backlog, v6Only);
        } catch (ErrnoException e) {
            InetSocketAddress v4 = Transport.ipv4Fallback(at, v6Only);
            if (v4 == null || !e.is(Errno.EAFNOSUPPORT)) {
                throw e;
            }
            return listenOn(v4, backlog, false); // no IPv6 in this kernel (docs/netbsd.md, "Without IPv6")
        }
    }

    private NativeAcceptor listenOn(InetSocketAddress at, int backlog, boolean v6Only) throws IOException {
        Fd fd = socketFor(at);
        try {
            setInt(fd, Constant.SOL_SOCKET, Constant.SO_REUSEADDR, 1, "setsockopt SO_REUSEADDR");
            if (at.getAddress() instanceof Inet6Address) {
                setInt(fd, Constant.IPPROTO_IPV6, Constant.IPV6_V6ONLY, v6Only ? 1 : 0, "setsockopt IPV6_V6ONLY");
            }
            bind(fd, at);
            kernel.check("listen", Kernels.sys(kernel).listen(fd.get(), backlog));
            return new NativeAcceptor(fd, localAddress(fd));
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** bind(2), its EADDRNOTAVAIL and EADDRINUSE saying what to do. */
    private void bind(Fd fd, InetSocketAddress at) throws ErrnoException {
        byte[] sa = Kernels.abi(kernel).sockaddr(at);
        if (Kernels.sys(kernel).bind(fd.get(), sa, sa.length) == -1) {
            ErrnoException e = kernel.error("bind " + Hosts.endpoint(at));
            String hint = Transport.bindHint(e.code().orElse(null), at);
            throw hint == null ? e : e.withHint(hint);
        }
    }

    private InetSocketAddress localAddress(Fd fd) throws ErrnoException {
        byte[] sa = new byte[Abi.SOCKADDR_STORAGE_SIZE];
        int[] len = {sa.length};
        kernel.check("getsockname", Kernels.sys(kernel).getsockname(fd.get(), sa, len));
        return Kernels.abi(kernel).parseSockaddr(sa, len[0]);
    }

    void setInt(Fd fd, Constant level, Constant name, int value, String call) throws ErrnoException {
        int r = Kernels.sys(kernel).setsockopt(fd.get(), Kernels.c(kernel, level), Kernels.c(kernel, name), new int[] {value}, Integer.BYTES);
        if (r == -1) {
            ErrnoException e = kernel.error(call);
            if (Kernels.abi(kernel) == Abi.netbsd() && e.is(Errno.ENOBUFS)) {
                // docs/netbsd.md, "mbufs and the socket-buffer limit"
                boolean lp64 = Native.LONG_SIZE == 8;
                throw e.withHint(value + " bytes is more than kern.sbmax allows (the largest buffer is kern.sbmax * 2048"
                        + " / (MSIZE + 2048), " + Abi.netbsdLargestSocketBuffer(Abi.NETBSD_SB_MAX_DEFAULT, lp64)
                        + " with the default kern.sbmax " + Abi.NETBSD_SB_MAX_DEFAULT + "): raise it with sysctl -w"
                        + " kern.sbmax=" + Math.max(Abi.NETBSD_SB_MAX_DEFAULT, Abi.netbsdSbmaxFor(value, lp64))
                        + ", or ask for a smaller buffer");
            }
            throw e;
        }
    }

    int getInt(Fd fd, Constant level, Constant name, String call) throws ErrnoException {
        int[] v = {0};
        int[] len = {Integer.BYTES};
        kernel.check(call, Kernels.sys(kernel).getsockopt(fd.get(), Kernels.c(kernel, level), Kernels.c(kernel, name), v, len));
        return v[0];
    }

    /** A connected native socket; its descriptor is {@link #fd()}. */
    public final class NativeConnection implements Connection {
        private final Fd fd;
        private final InetSocketAddress peer;

        NativeConnection(Fd fd, InetSocketAddress peer) {
            this.fd = fd;
            this.peer = peer;
        }

        public Fd fd() {
            return fd;
        }

        public Kernel kernel() {
            return kernel;
        }

        @Override
        public InetSocketAddress peer() {
            return peer;
        }

        @Override
        public int sendBufferSize() throws IOException {
            return getInt(fd, Constant.SOL_SOCKET, Constant.SO_SNDBUF, "getsockopt SO_SNDBUF");
        }

        @Override
        public int receiveBufferSize() throws IOException {
            return getInt(fd, Constant.SOL_SOCKET, Constant.SO_RCVBUF, "getsockopt SO_RCVBUF");
        }

        @Override
        public void setSendBufferSize(int bytes) throws IOException {
            setInt(fd, Constant.SOL_SOCKET, Constant.SO_SNDBUF, bytes, "setsockopt SO_SNDBUF");
        }

        @Override
        public void setReceiveBufferSize(int bytes) throws IOException {
            setInt(fd, Constant.SOL_SOCKET, Constant.SO_RCVBUF, bytes, "setsockopt SO_RCVBUF");
        }

        @Override
        public void setReceiveLowWater(int bytes) throws IOException {
            setInt(fd, Constant.SOL_SOCKET, Constant.SO_RCVLOWAT, bytes, "setsockopt SO_RCVLOWAT");
        }

        /** SO_RCVLOWAT as the kernel has it (1 unless set). */
        public int receiveLowWater() throws IOException {
            return getInt(fd, Constant.SOL_SOCKET, Constant.SO_RCVLOWAT, "getsockopt SO_RCVLOWAT");
        }

        /** Linux: getsockopt TCP_CONGESTION, the name NUL-padded in TCP_CA_NAME_MAX bytes; NetBSD: empty. */
        @Override
        public Optional<String> congestion() throws IOException {
            if (Kernels.abi(kernel).find(Constant.TCP_CONGESTION).isEmpty()) {
                return Optional.empty();
            }
            byte[] b = new byte[TcpOptions.CA_NAME_MAX];
            int[] len = {b.length};
            kernel.check("getsockopt TCP_CONGESTION", Kernels.sys(kernel).getsockopt(fd.get(), Kernels.c(kernel, Constant.IPPROTO_TCP),
                    Kernels.c(kernel, Constant.TCP_CONGESTION), b, len));
            int n = 0;
            while (n < len[0] && b[n] != 0) {
                n++;
            }
            return Optional.of(new String(b, 0, n, StandardCharsets.US_ASCII));
        }

        @Override
        public boolean noDelay() throws IOException {
            return getInt(fd, Constant.IPPROTO_TCP, Constant.TCP_NODELAY, "getsockopt TCP_NODELAY") != 0;
        }

        @Override
        public OptionalInt maxSegment() throws IOException {
            return OptionalInt.of(getInt(fd, Constant.IPPROTO_TCP, Constant.TCP_MAXSEG, "getsockopt TCP_MAXSEG"));
        }

        /** getsockname, then the interface holding that address, asked of this connection's own kernel. */
        @Override
        public Optional<NetInterface> localInterface() {
            try {
                return Interfaces.of(kernel, fd.get(), localAddress(fd).getAddress());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** getsockopt(IPPROTO_TCP, TCP_INFO) into this kernel's struct tcp_info (abi/TcpInfoLayout). */
        @Override
        public Optional<TcpInfo> tcpInfo() throws IOException {
            byte[] raw = new byte[TcpInfoLayout.size(Kernels.abi(kernel))];
            int n = rawTcpInfo(raw);
            return Optional.of(TcpInfoLayout.decode(Kernels.abi(kernel), raw, n));
        }

        /** tcpi_bytes_received from the same getsockopt (Linux); NetBSD's struct has none. */
        @Override
        public OptionalLong bytesReceived() throws IOException {
            if (Kernels.abi(kernel) == Abi.netbsd()) {
                return OptionalLong.empty();
            }
            byte[] raw = new byte[TcpInfoLayout.size(Kernels.abi(kernel))];
            int n = rawTcpInfo(raw);
            return TcpInfoLayout.bytesReceived(Kernels.abi(kernel), raw, n);
        }

        /** The kernel's struct tcp_info into raw; returns the length it wrote. */
        private int rawTcpInfo(byte[] raw) throws IOException {
            int[] len = {raw.length};
            kernel.check("getsockopt TCP_INFO", Kernels.sys(kernel).getsockopt(fd.get(), Kernels.c(kernel, Constant.IPPROTO_TCP),
                    Kernels.c(kernel, Constant.TCP_INFO), raw, len));
            return len[0];
        }

        @Override
        public void shutdownOutput() throws IOException {
            kernel.check("shutdown", fd.shutdown(Kernels.c(kernel, Constant.SHUT_WR)));
        }

        @Override
        public void abort() {
            fd.shutdown(Kernels.c(kernel, Constant.SHUT_RDWR));
        }

        @Override
        public void close() {
            fd.close();
        }
    }

    /** A listening native socket. */
    public final class NativeAcceptor implements Acceptor<NativeConnection> {
        private final Fd fd;
        private final InetSocketAddress local;

        NativeAcceptor(Fd fd, InetSocketAddress local) {
            this.fd = fd;
            this.local = local;
        }

        @Override
        public InetSocketAddress local() {
            return local;
        }

        @Override
        public NativeConnection accept() throws IOException {
            byte[] sa = new byte[Abi.SOCKADDR_STORAGE_SIZE];
            int[] len = {sa.length};
            Fd conn = Fd.own(kernel, "accept", Kernels.sys(kernel).accept(fd.get(), sa, len), "connection");
            try {
                return connected(new NativeConnection(conn, Kernels.abi(kernel).parseSockaddr(sa, len[0])));
            } catch (IOException | RuntimeException e) {
                conn.close();
                throw e;
            }
        }

        @Override
        public void abort() {
            // Linux wakes a blocked accept on shutdown of the listening socket (EINVAL).
            fd.shutdown(Kernels.c(kernel, Constant.SHUT_RDWR));
        }

        @Override
        public void close() {
            fd.close();
        }
    }
}
