package org.kttcp4j.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.abi.TcpInfoLayout;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;

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

    private Fd socketFor(InetSocketAddress a) throws ErrnoException {
        int family = kernel.c(a.getAddress() instanceof Inet6Address ? Constant.AF_INET6 : Constant.AF_INET);
        return Fd.own(kernel, "socket", kernel.sys().socket(family, kernel.c(Constant.SOCK_STREAM), 0), "socket");
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
                byte[] local = kernel.abi().sockaddr(bind);
                kernel.check("bind " + Hosts.endpoint(bind), kernel.sys().bind(fd.get(), local, local.length));
            }
            byte[] sa = kernel.abi().sockaddr(to);
            AtomicBoolean timedOut = new AtomicBoolean();
            int r;
            try (Watchdog.Armed w = Watchdog.arm(timeout, () -> {
                timedOut.set(true);
                fd.shutdown(kernel.c(Constant.SHUT_RDWR));
            }); Watchdog.Armed a = hook.register(() -> fd.shutdown(kernel.c(Constant.SHUT_RDWR)))) {
                r = kernel.sys().connect(fd.get(), sa, sa.length);
            }
            if (timedOut.get()) {
                throw Transport.connectTimedOut(to, timeout);
            }
            kernel.check("connect to " + Hosts.endpoint(to), r);
            return new NativeConnection(fd, to);
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    @Override
    public NativeAcceptor listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException {
        Fd fd = socketFor(at);
        try {
            setInt(fd, Constant.SOL_SOCKET, Constant.SO_REUSEADDR, 1, "setsockopt SO_REUSEADDR");
            if (at.getAddress() instanceof Inet6Address) {
                setInt(fd, Constant.IPPROTO_IPV6, Constant.IPV6_V6ONLY, v6Only ? 1 : 0, "setsockopt IPV6_V6ONLY");
            }
            byte[] sa = kernel.abi().sockaddr(at);
            kernel.check("bind " + Hosts.endpoint(at),
                    kernel.sys().bind(fd.get(), sa, sa.length));
            kernel.check("listen", kernel.sys().listen(fd.get(), backlog));
            return new NativeAcceptor(fd, localAddress(fd));
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    private InetSocketAddress localAddress(Fd fd) throws ErrnoException {
        byte[] sa = new byte[Abi.SOCKADDR_STORAGE_SIZE];
        int[] len = {sa.length};
        kernel.check("getsockname", kernel.sys().getsockname(fd.get(), sa, len));
        return kernel.abi().parseSockaddr(sa, len[0]);
    }

    void setInt(Fd fd, Constant level, Constant name, int value, String call) throws ErrnoException {
        int r = kernel.sys().setsockopt(fd.get(), kernel.c(level), kernel.c(name), new int[] {value}, Integer.BYTES);
        if (r == -1) {
            ErrnoException e = kernel.error(call);
            if (kernel.abi() == Abi.netbsd() && "ENOBUFS".equals(e.errnoName())) {
                // docs/netbsd.md, "mbufs and the socket-buffer limit"
                boolean lp64 = com.sun.jna.Native.LONG_SIZE == 8;
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
        kernel.check(call, kernel.sys().getsockopt(fd.get(), kernel.c(level), kernel.c(name), v, len));
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

        /** getsockopt(IPPROTO_TCP, TCP_INFO) into this kernel's struct tcp_info (abi/TcpInfoLayout). */
        @Override
        public Optional<TcpInfo> tcpInfo() throws IOException {
            byte[] raw = new byte[TcpInfoLayout.size(kernel.abi())];
            int[] len = {raw.length};
            kernel.check("getsockopt TCP_INFO", kernel.sys().getsockopt(fd.get(), kernel.c(Constant.IPPROTO_TCP),
                    kernel.c(Constant.TCP_INFO), raw, len));
            return Optional.of(TcpInfoLayout.decode(kernel.abi(), raw, len[0]));
        }

        @Override
        public void shutdownOutput() throws IOException {
            kernel.check("shutdown", fd.shutdown(kernel.c(Constant.SHUT_WR)));
        }

        @Override
        public void abort() {
            fd.shutdown(kernel.c(Constant.SHUT_RDWR));
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
            Fd conn = Fd.own(kernel, "accept", kernel.sys().accept(fd.get(), sa, len), "connection");
            try {
                return new NativeConnection(conn, kernel.abi().parseSockaddr(sa, len[0]));
            } catch (RuntimeException e) {
                conn.close();
                throw e;
            }
        }

        @Override
        public void abort() {
            // Linux wakes a blocked accept on shutdown of the listening socket (EINVAL).
            fd.shutdown(kernel.c(Constant.SHUT_RDWR));
        }

        @Override
        public void close() {
            fd.close();
        }
    }
}
