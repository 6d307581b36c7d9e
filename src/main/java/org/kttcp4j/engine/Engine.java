package org.kttcp4j.engine;

import java.io.IOException;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Transport;

/**
 * One way of moving a connection's bytes: the kernel as source and sink (kttcp, splice), a user-space buffer
 * (user), or the JDK's channels (nio). All of them put raw bytes on the wire, so any engine on one end works
 * with any engine, nc, or the C kttcp tool on the other. An engine moves bytes on the connections its own
 * transport makes (type C), so no engine needs to ask what kind of connection it was given.
 */
public interface Engine<C extends Connection> extends AutoCloseable {
    /** The engine's name on the command line: kttcp, user, splice, nio. */
    String name();

    /** What it moves bytes with, for reports: "kernel (kttcp ioctl)", "128 KiB user buffer". */
    String describe();

    /** The transport whose connections this engine drives. */
    Transport<C> transport();

    /**
     * The receiving end's SO_RCVLOWAT when none is asked for (0: the kernel's default, wake for any byte). A kernel
     * sink waits for a good amount of data per call, as kttcp's own RECV loop waits in the kernel.
     */
    default int defaultReceiveLowWater() {
        return 0;
    }

    /** Opens what the engine needs before any socket is made (kttcp's device), so a missing device fails first. */
    default void prepare() throws IOException {}

    /** Sends until the budget is spent, then returns; the caller shuts the output down. */
    Transfer send(C connection, Budget budget, Progress progress) throws IOException;

    /** Receives until the budget is spent or the peer's EOF. */
    Transfer receive(C connection, Budget budget, Progress progress) throws IOException;

    /**
     * A sender's last step, after it shut its output down: waits for the receiver's own EOF, which a receiver sends
     * once it has read everything (kttcp4j's shuts its output down at the sender's EOF; nc and the C tool close).
     * Then the peer has acknowledged every byte, and the connection's TCP_INFO counts every retransmit. Blocks
     * until then: the caller bounds the wait (it aborts the connection). What the peer sends meanwhile is dropped.
     */
    default void awaitPeerEof(C connection) throws IOException {
        receive(connection, Budget.untilEof(), Progress.NONE);
    }

    @Override
    default void close() {}
}
