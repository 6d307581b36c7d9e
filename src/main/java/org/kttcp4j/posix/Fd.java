package org.kttcp4j.posix;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A descriptor owned by exactly one object and closed exactly once, on every path. Another thread may
 * {@link #shutdown(int)} it to end a blocked call (accept, read, a kttcp ioctl); only the owner closes it, so a
 * number is never reused under a call still running on it.
 */
public final class Fd implements AutoCloseable {
    private final Kernel kernel;
    private final int fd;
    private final String what;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Fd(Kernel kernel, int fd, String what) {
        this.kernel = kernel;
        this.fd = fd;
        this.what = what;
    }

    /** Takes ownership of a descriptor a call just returned, or throws that call's error when it returned -1. */
    public static Fd own(Kernel kernel, String call, int fd, String what) throws ErrnoException {
        return new Fd(kernel, kernel.check(call, fd), what);
    }

    public int get() {
        if (closed.get()) {
            throw new IllegalStateException(what + " is closed");
        }
        return fd;
    }

    public Kernel kernel() {
        return kernel;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** shutdown(2): safe from any thread while the descriptor is open; errors are returned, not thrown. */
    public synchronized int shutdown(int how) {
        return closed.get() ? 0 : kernel.sys().shutdown(fd, how);
    }

    /** Synchronized with shutdown, so a shutdown from another thread never reaches a reused number. */
    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            kernel.sys().close(fd); // the descriptor is released even when close reports an error
        }
    }

    @Override
    public String toString() {
        return what + " fd " + fd;
    }
}
