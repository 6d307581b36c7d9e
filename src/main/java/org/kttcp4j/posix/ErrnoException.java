package org.kttcp4j.posix;

import java.io.IOException;
import org.kttcp4j.abi.ErrnoTable;

/**
 * A failed system call: the call's name, the errno's name, number and meaning in the table of the kernel that
 * returned it, and, where kttcp4j knows one, what to do about it.
 * Example: {@code open /dev/kttcp: ENXIO (6) Device not configured: the running kernel lacks ...}.
 */
@org.kttcp4j.PublicApi
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final transient ErrnoTable.Entry errno;
    private final String hint;

    public ErrnoException(String call, ErrnoTable.Entry errno, String hint) {
        super(call + ": " + errno.name() + " (" + errno.number() + ") " + errno.text() + (hint == null ? "" : ": " + hint));
        this.call = call;
        this.errno = errno;
        this.hint = hint;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno.number();
    }

    /** The C name, e.g. "ENOTSOCK". */
    public String errnoName() {
        return errno.name();
    }

    public String hint() {
        return hint;
    }

    /** The same error with advice on what to do about it. */
    public ErrnoException withHint(String advice) {
        return new ErrnoException(call, errno, advice);
    }
}
