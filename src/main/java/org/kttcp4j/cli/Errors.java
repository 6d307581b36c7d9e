package org.kttcp4j.cli;

import java.net.UnknownHostException;

/** One line for a failure: the exception's own message, which names the call and the fix. */
final class Errors {
    private Errors() {}

    static String oneLine(Throwable ex) {
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
