package org.kttcp4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Makes TCP connections of one kind: the kind an engine can move bytes on. */
public interface Transport {
    /** Binds with SO_REUSEADDR and listens; an IPv6 wildcard accepts IPv4 too unless v6Only. */
    Acceptor listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException;

    Connection connect(InetSocketAddress to) throws IOException;
}
