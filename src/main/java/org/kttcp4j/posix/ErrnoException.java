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

    private final String call;
    private final int number;
    private final Errno code;
    private final transient ErrnoTable.Entry errno;
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

    /** The call that failed: "accept", "open /dev/kttcp", "ioctl KTTCP_IO_SEND (1 bytes)". */
    public String call() {
        return call;
    }

    /** The number, as the kernel that raised it numbers it. */
    public int errno() {
        return number;
    }

    /** The errno, when the kernel's table names it (empty for a number it does not know). */
    public Optional<Errno> code() {
        return Optional.ofNullable(code);
    }

    /** This errno is e. */
    public boolean is(Errno e) {
        return code == e;
    }

    /** The C name, e.g. "ENOTSOCK" ("errno N" for a number the table does not know). */
    public String errnoName() {
        return code != null ? code.name() : "errno " + number;
    }

    public String hint() {
        return hint;
    }

    /** The same error with advice on what to do about it. */
    public ErrnoException withHint(String advice) {
        return new ErrnoException(call, errno, advice);
    }
}
