package org.kttcp4j.run;

import java.io.IOException;

/** A run ended before any stream moved: stopped (a signal) or failed (a timeout), with the message. */
final class RunEnded extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean stopped;

    RunEnded(String message, boolean stopped) {
        super(message);
        this.stopped = stopped;
    }

    /** How control ended a run that was waiting somewhere ("while connecting to ..."). */
    static RunEnded of(Control control, String where) {
        return control.stopped() != null
                ? new RunEnded(control.stopped() + " " + where, true)
                : new RunEnded(control.failure() + " (" + where + ")", false);
    }
}
