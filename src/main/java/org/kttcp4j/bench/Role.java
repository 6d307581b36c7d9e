package org.kttcp4j.bench;

/** Which end of a connection a result is from. */
public enum Role {
    SENDER, RECEIVER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
