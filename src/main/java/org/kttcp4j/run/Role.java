package org.kttcp4j.run;

/** Which end of a connection a result is from. */
@org.kttcp4j.PublicApi
public enum Role {
    SENDER, RECEIVER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Role other() {
        return this == SENDER ? RECEIVER : SENDER;
    }
}
