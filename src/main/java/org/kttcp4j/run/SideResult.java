package org.kttcp4j.run;

import java.net.InetSocketAddress;
import org.kttcp4j.measure.Transfer;

/**
 * One end of one stream: the engine that ran, what it moved, the socket buffer sizes the kernel really set, the
 * peer, and how it ended early if it did: error (a failure: a socket error, a stalled peer, a short count) or
 * stopped (a signal, or a server's per-run cap). Both null: it ended as planned.
 */
@org.kttcp4j.PublicApi
public record SideResult(Role role, int stream, String engine, String engineDescription, Transfer transfer,
        int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error, String stopped) {

    /** Failed: an error, or fewer bytes than were expected (a partial transfer). */
    public boolean failed() {
        return error != null || (stopped == null && transfer.partial());
    }

    /** Ended early: by an error, a signal or a cap; what it moved is still reported. */
    public boolean partial() {
        return error != null || stopped != null || transfer.partial();
    }
}
