package org.kttcp4j.run;

import java.net.UnknownHostException;

/** One line for a failure: the exception's own message, which names the call and the fix. */
public final class Failures {
    private Failures() {}

    public static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (t instanceof UnknownHostException && msg != null && !msg.contains(" ")) {
            msg = "cannot resolve host '" + msg + "'";
        }
        if (msg == null) {
            msg = t.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ');
    }
}
