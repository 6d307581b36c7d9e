package org.kttcp4j.results;

/**
 * A result file that cannot be read, or runs that cannot be compared: the message is one line that names the file
 * and the fix. An IllegalArgumentException, so the command line reports it as bad input (exit 1).
 */
public final class ResultException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ResultException(String message) {
        super(message);
    }
}
