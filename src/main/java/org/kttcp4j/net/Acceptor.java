package org.kttcp4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening TCP socket whose connections are of kind C. */
public interface Acceptor<C extends Connection> extends AutoCloseable {
    /** The bound address, with the port the kernel chose when 0 was asked. */
    InetSocketAddress local();

    C accept() throws IOException;

    /** From any thread: ends a blocked accept. */
    void abort();

    @Override
    void close();
}
