package org.kttcp4j.run;

import java.util.Locale;

/**
 * The settings of a run, one per {@link Run.Builder} method and {@link RunSpec} component: what a failing rule
 * names ({@link InvalidSettingException#setting()}). The library calls each by its {@link #key()} (the
 * Builder's method, "parallel", "connectTimeout"); the command line maps each to its flag when it prints.
 */
@org.kttcp4j.PublicApi
public enum Setting {
    HOST, KERNEL, ENGINE, RECEIVER_ENGINE, BYTES, UP_TO, TIME, SOCKBUFS, REPEAT, INTERVAL, PARALLEL, REVERSE, BIDIR,
    BUFFER, WAIT_ALL, RCVLOWAT, SINK, SOURCE, FAMILY, PORT, BIND, BACKLOG, CONNECT_TIMEOUT, IDLE_TIMEOUT, SERVE,
    ALLOW, MAX_TIME, MAX_BYTES, CONGESTION, NO_DELAY, MSS, OMIT, AFFINITY, PROCESSES;

    /** The Builder's method for it: "parallel", "receiverEngine", "connectTimeout". */
    public String key() {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return key();
    }
}
