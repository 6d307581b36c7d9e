package org.kttcp4j.measure;

import java.io.IOException;
import org.kttcp4j.PublicApi;

/**
 * A transfer that failed part way: what was moved before the error is kept and reported, not lost. The cause
 * is the failed call's exception (an ErrnoException names the call and the errno).
 */
@PublicApi
public class PartialTransferException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Transfer partial;

    /**
     * A transfer that failed part way.
     * @param partial what was moved before the failure
     * @param cause the failure, whose message this one's begins with
     */
    public PartialTransferException(Transfer partial, IOException cause) {
        super(cause.getMessage() + " after " + partial.bytes() + " bytes", cause);
        this.partial = partial;
    }

    /**
     * What was moved before the failure: every byte of the calls that completed.
     * @return the transfer, partial
     */
    public Transfer partial() {
        return partial;
    }
}
