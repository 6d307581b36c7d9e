package org.kttcp4j.posix;

import java.io.IOException;
import java.util.Optional;
import org.kttcp4j.PublicApi;
import org.kttcp4j.abi.Errno;
import org.kttcp4j.abi.ErrnoTable;

/**
 * A failed system call: the call's name, the errno's name, number and meaning in the table of the kernel that
 * returned it, and, where kttcp4j knows one, what to do about it. Decide on {@link #code()} or {@link #is}, never
 * on the message. Example: {@code open /dev/kttcp: ENXIO (6) Device not configured: the running kernel lacks ...}.
 */
@PublicApi
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The call that failed, as {@link #call()}. */
    private final String call;
    /** The errno's number, as {@link #errno()}. */
    private final int number;
    /** The errno, or null for a number the kernel's table does not know. */
    private final Errno code;
    private final transient ErrnoTable.Entry errno;
    /** What to do about it, or null. */
    private final String hint;

    /** The kernel's table gives the errno's name and text ({@link Kernel#error}). */
    ErrnoException(String call, ErrnoTable.Entry errno, String hint) {
        super(call + ": " + errno.name() + " (" + errno.number() + ") " + errno.text() + (hint == null ? "" : ": " + hint));
        this.call = call;
        this.number = errno.number();
        this.code = errno.code();
        this.errno = errno;
        this.hint = hint;
    }

    /**
     * The call that failed: "accept", "open /dev/kttcp", "ioctl KTTCP_IO_SEND (1 bytes)".
     * @return the call's name
     */
    public String call() {
        return call;
    }

    /**
     * The number, as the kernel that raised it numbers it.
     * @return the errno's number
     */
    public int errno() {
        return number;
    }

    /**
     * The errno, when the kernel's table names it (empty for a number it does not know).
     * @return the errno, or empty
     */
    public Optional<Errno> code() {
        return Optional.ofNullable(code);
    }

    /**
     * This errno is e.
     * @param e an errno
     * @return true when this exception's errno is e
     */
    public boolean is(Errno e) {
        return code == e;
    }

    /**
     * The C name, e.g. "ENOTSOCK" ("errno N" for a number the table does not know).
     * @return the name
     */
    public String errnoName() {
        return code != null ? code.name() : "errno " + number;
    }

    /**
     * What kttcp4j advises doing about this error, when it knows.
     * @return the advice, or null when it has none
     */
    public String hint() {
        return hint;
    }

    /**
     * The same error with advice on what to do about it.
     * @param advice the advice, in one clause
     * @return a new exception, with the same call and errno
     */
    public ErrnoException withHint(String advice) {
        return new ErrnoException(call, errno, advice);
    }
}
