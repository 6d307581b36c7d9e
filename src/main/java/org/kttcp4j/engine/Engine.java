package org.kttcp4j.engine;

import java.io.IOException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Transport;

/**
 * One way of moving a connection's bytes: the kernel as source and sink (kttcp, splice), a user-space buffer
 * (user), or the JDK's channels (nio). All of them put raw bytes on the wire, so any engine on one end works
 * with any engine, nc, or the C kttcp tool on the other.
 */
public interface Engine extends AutoCloseable {
    /** The engine's name on the command line: kttcp, user, splice, nio. */
    String name();

    /** What it moves bytes with, for reports: "kernel (kttcp ioctl)", "128 KiB user buffer". */
    String describe();

    /** The transport whose connections this engine can drive. */
    Transport transport();

    /** Sends until the budget is spent, then returns; the caller shuts the output down. */
    Transfer send(Connection connection, Budget budget, Progress progress) throws IOException;

    /** Receives until the budget is spent or the peer's EOF. */
    Transfer receive(Connection connection, Budget budget, Progress progress) throws IOException;

    @Override
    default void close() {}
}
