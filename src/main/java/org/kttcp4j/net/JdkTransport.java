package org.kttcp4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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
            throw new IllegalArgumentException((o.congestion() != null ? "-C/--congestion" : "-M/--mss") + " needs "
                    + (o.congestion() != null ? "TCP_CONGESTION" : "TCP_MAXSEG") + ", which the JDK's channels (the"
                    + " nio engine) cannot set: use --engine user or splice");
        }
        noDelay = o.noDelay();
    }

    private SocketChannel configured(SocketChannel ch) throws IOException {
        if (noDelay) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return ch;
    }
    @Override
    public Acceptor<JdkConnection> listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(at, backlog);
            return new JdkAcceptor(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException("bind " + Hosts.endpoint(at) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public JdkConnection connect(InetSocketAddress to, InetSocketAddress bind, Duration timeout, AbortHook hook)
            throws IOException {
        SocketChannel ch = SocketChannel.open();
        try (Watchdog.Armed a = hook.register(() -> closeQuietly(ch))) {
            if (bind != null) {
                ch.bind(bind);
            }
            configured(ch);
            ch.socket().connect(to, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            return new JdkConnection(ch, to);
        } catch (java.net.SocketTimeoutException e) {
            ch.close();
            throw Transport.connectTimedOut(to, timeout);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException("connect to " + Hosts.endpoint(to) + ": " + e.getMessage(), e);
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
            throw new UnsupportedOperationException("the JDK's channels have no SO_RCVLOWAT: use --engine user or splice");
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
    static void closeQuietly(java.nio.channels.Channel channel) {
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
