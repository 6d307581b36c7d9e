package org.kttcp4j.net;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
import org.kttcp4j.abi.Errno;

/**
 * TCP connections made by the JDK (blocking SocketChannel), with no native code of kttcp4j's: the nio engine's,
 * and so what a Java application gets. A blocked read, write or accept is ended by closing the channel from
 * another thread, which the JDK makes safe (AsynchronousCloseException, the descriptor released afterwards).
 * The JDK has no IPV6_V6ONLY option: an IPv6 wildcard listener always takes IPv4 too.
 */
public final class JdkTransport implements Transport<JdkTransport.JdkConnection> {
    private volatile boolean noDelay;

    /** TCP_NODELAY is the JDK's (StandardSocketOptions); TCP_MAXSEG and TCP_CONGESTION are not, and are refused. */
    @Override
    public void options(TcpOptions o) {
        if (o.congestion() != null || o.mss() != null) {
            throw new IllegalArgumentException((o.congestion() != null ? "`congestion`" : "`mss`") + " needs "
                    + (o.congestion() != null ? "TCP_CONGESTION" : "TCP_MAXSEG") + ", which the JDK's channels (the"
                    + " nio engine) cannot set: use `engine` user or splice");
        }
        noDelay = o.noDelay();
    }

    private SocketChannel configured(SocketChannel ch) throws IOException {
        if (noDelay) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return ch;
    }

    /**
     * Without IPv6 (the kernel refuses AF_INET6 sockets, or java.net.preferIPv4Stack) the JDK opens IPv4 sockets
     * and refuses an IPv6 address with UnsupportedAddressTypeException (sun.nio.ch.Net.checkAddress): a listener
     * given no family then takes 0.0.0.0 ({@link Transport#listen}).
     */
    @Override
    public Acceptor<JdkConnection> listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException {
        try {
            return listenOn(at, backlog);
        } catch (UnsupportedAddressTypeException e) {
            InetSocketAddress v4 = Transport.ipv4Fallback(at, v6Only);
            if (v4 == null) {
                throw new IOException("bind " + Hosts.endpoint(at) + ": " + NO_IPV6, e);
            }
            return listenOn(v4, backlog);
        }
    }

    private static final String NO_IPV6 = "this host has no IPv6 (the JDK makes IPv4 sockets only): use an IPv4"
            + " address, or -4";

    private Acceptor<JdkConnection> listenOn(InetSocketAddress at, int backlog) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(at, backlog);
            return new JdkAcceptor(ch);
        } catch (UnsupportedAddressTypeException e) {
            ch.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw bindFailed(at, e);
        }
    }

    /**
     * The JDK reports EADDRINUSE and EADDRNOTAVAIL as a BindException with the host's strerror text ("Address
     * already in use"; "Cannot assign requested address" on Linux, "Can't assign requested address" on NetBSD) and
     * no errno: that text is the only way to tell the two apart here (the native transport decides on the errno).
     */
    static IOException bindFailed(InetSocketAddress at, Exception e) {
        String text = String.valueOf(e.getMessage());
        String hint = !(e instanceof BindException) ? null
                : text.contains("already in use") ? Transport.bindHint(Errno.EADDRINUSE, at)
                : text.contains("assign requested address") ? Transport.bindHint(Errno.EADDRNOTAVAIL, at) : null;
        return new IOException("bind " + Hosts.endpoint(at) + ": " + text + (hint == null ? "" : ": " + hint), e);
    }

    @Override
    public JdkConnection connect(InetSocketAddress to, InetSocketAddress bind, Duration timeout, AbortHook hook)
            throws IOException {
        SocketChannel ch = SocketChannel.open();
        try (Watchdog.Armed a = hook.register(() -> closeQuietly(ch))) {
            if (bind != null) {
                try {
                    ch.bind(bind);
                } catch (UnsupportedAddressTypeException e) {
                    throw new IOException("bind " + Hosts.endpoint(bind) + ": " + NO_IPV6, e);
                } catch (IOException e) {
                    throw bindFailed(bind, e);
                }
            }
            configured(ch);
            try {
                ch.socket().connect(to, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            } catch (SocketTimeoutException e) {
                throw Transport.connectTimedOut(to, timeout);
            } catch (UnsupportedAddressTypeException e) {
                throw new IOException("connect to " + Hosts.endpoint(to) + ": " + NO_IPV6, e);
            } catch (IOException | RuntimeException e) {
                // the socket adaptor turns UnsupportedAddressTypeException into this (sun.nio.ch.Net.translateException)
                boolean noIpv6 = e instanceof SocketException && to.getAddress() instanceof Inet6Address
                        && "Unsupported address type".equals(e.getMessage());
                throw new IOException("connect to " + Hosts.endpoint(to) + ": " + (noIpv6 ? NO_IPV6 : e.getMessage()), e);
            }
            return new JdkConnection(ch, to);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A connected SocketChannel. */
    public static final class JdkConnection implements Connection {
        private final SocketChannel channel;
        private final InetSocketAddress peer;

        JdkConnection(SocketChannel channel, InetSocketAddress peer) {
            this.channel = channel;
            this.peer = peer;
        }

        public SocketChannel channel() {
            return channel;
        }

        @Override
        public InetSocketAddress peer() {
            return peer;
        }

        @Override
        public int sendBufferSize() throws IOException {
            return channel.getOption(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public int receiveBufferSize() throws IOException {
            return channel.getOption(StandardSocketOptions.SO_RCVBUF);
        }

        @Override
        public void setSendBufferSize(int bytes) throws IOException {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
        }

        @Override
        public void setReceiveBufferSize(int bytes) throws IOException {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, bytes);
        }

        /** The JDK has no SO_RCVLOWAT option (StandardSocketOptions lacks it). */
        @Override
        public void setReceiveLowWater(int bytes) {
            throw new UnsupportedOperationException("the JDK's channels have no SO_RCVLOWAT: use `engine` user or splice");
        }

        /** The host kernel's interface for the channel's local address (the JDK's descriptor is not ours to ask). */
        @Override
        public java.util.Optional<NetInterface> localInterface() {
            try {
                return Interfaces.ofHost((InetSocketAddress) channel.getLocalAddress());
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }

        @Override
        public boolean noDelay() throws IOException {
            return channel.getOption(StandardSocketOptions.TCP_NODELAY);
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public void abort() {
            close();
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** A channel's close can report an error, but the channel is closed either way. */
    static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private final class JdkAcceptor implements Acceptor<JdkConnection> {
        private final ServerSocketChannel channel;
        private final InetSocketAddress local;

        JdkAcceptor(ServerSocketChannel channel) throws IOException {
            this.channel = channel;
            this.local = (InetSocketAddress) channel.getLocalAddress();
        }

        @Override
        public InetSocketAddress local() {
            return local;
        }

        @Override
        public JdkConnection accept() throws IOException {
            SocketChannel ch = channel.accept();
            try {
                configured(ch);
                return new JdkConnection(ch, (InetSocketAddress) ch.getRemoteAddress());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        @Override
        public void abort() {
            close();
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }
}
