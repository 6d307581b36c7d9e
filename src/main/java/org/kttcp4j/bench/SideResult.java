package org.kttcp4j.bench;

import java.net.InetSocketAddress;
import org.kttcp4j.measure.Transfer;

/**
 * One end's outcome: the engine that ran, what it moved, the socket buffer sizes the kernel really set, the
 * peer, and the error that ended it early (null when it ended as planned).
 */
public record SideResult(Role role, String engine, String engineDescription, Transfer transfer,
        int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error) {

    public boolean failed() {
        return error != null;
    }
}
