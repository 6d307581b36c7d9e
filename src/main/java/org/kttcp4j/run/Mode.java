package org.kttcp4j.run;

import java.util.List;
import org.kttcp4j.PublicApi;

/** What this process does: both ends over loopback, the connecting end, or the accepting end. */
@PublicApi
public enum Mode {
    /** Sender and receiver in this process over 127.0.0.1 or ::1. */
    LOOPBACK("loopback"),
    /** Connect to a host: send, or receive with reverse. */
    CONNECT("send"),
    /** Listen and accept: receive, or send with reverse. */
    ACCEPT("recv");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /**
     * The subcommand's name: loopback, send, recv.
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The ends this process plays.
     * @param reverse true when the run is reversed
     * @return loopback's both roles, else the one role
     */
    public List<Role> roles(boolean reverse) {
        return switch (this) {
            case LOOPBACK -> List.of(Role.SENDER, Role.RECEIVER);
            case CONNECT -> List.of(reverse ? Role.RECEIVER : Role.SENDER);
            case ACCEPT -> List.of(reverse ? Role.SENDER : Role.RECEIVER);
        };
    }

    /**
     * The end whose bytes the intervals count: loopback's sender, else the one end this process plays.
     * @param reverse true when the run is reversed
     * @return the metered role
     */
    public Role metered(boolean reverse) {
        return roles(reverse).get(0);
    }
}
