package org.kttcp4j.run;

import java.util.Locale;
import org.kttcp4j.PublicApi;

/** Which end of a connection a result is from. */
@PublicApi
public enum Role {
    /** The end that sends the bytes. */
    SENDER,
    /** The end that receives them. */
    RECEIVER;

    /**
     * The role's name in reports and JSON.
     * @return "sender" or "receiver"
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The other end's role.
     * @return RECEIVER for SENDER, and SENDER for RECEIVER
     */
    public Role other() {
        return this == SENDER ? RECEIVER : SENDER;
    }
}
