package org.kttcp4j.run;

import java.util.Locale;
import org.kttcp4j.PublicApi;

/** Which end of a connection a result is from. */
@PublicApi
public enum Role {
    SENDER, RECEIVER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Role other() {
        return this == SENDER ? RECEIVER : SENDER;
    }
}
