package org.kttcp4j.device;

import com.sun.jna.NativeLong;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.KttcpIoArgs;
import org.kttcp4j.abi.KttcpLayout;
import org.kttcp4j.measure.CpuTime;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.posix.Fd;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.posix.Rusage;

/**
 * NetBSD's kttcp(4) device: the kernel is the source (SEND) or the sink (RECV) of a connected TCP socket's
 * bytes, with no copies to user space. src: sys/dev/kttcp.c, sys/dev/kttcpio.h (NetBSD/src).
 *
 * <pre>{@code
 * try (KttcpDevice dev = KttcpDevice.open(Kernel.host())) {
 *     Transfer t = dev.send(socketFd, 1L << 30);
 * }
 * }</pre>
 */
public final class KttcpDevice implements AutoCloseable {
    public static final String PATH = "/dev/kttcp";
    /** kttcp.c: SEND refuses kio_totalsize >= 0x7fffffff (EINVAL), so 2^31-2 is the largest one ioctl moves. */
    public static final long MAX_SEND = 0x7ffffffeL;
    /** kttcp.c: RECV refuses kio_totalsize > 0x7fffffff. */
    public static final long MAX_RECV = 0x7fffffffL;

    /** Which way the bytes go. */
    public enum Direction { SEND, RECV }

    private final Kernel kernel;
    private final Fd fd;
    private final KttcpLayout layout;

    private KttcpDevice(Kernel kernel, Fd fd, KttcpLayout layout) {
        this.kernel = kernel;
        this.fd = fd;
        this.layout = layout;
    }

    /** Opens /dev/kttcp read-write (ioctl needs a descriptor open for writing, or it gives EPERM). */
    public static KttcpDevice open(Kernel kernel) throws ErrnoException {
        // The struct is checked first: a mismatch is an error here, never a garbage ioctl.
        KttcpLayout layout = KttcpLayout.ofThisPlatform().checked(System.getProperty("os.arch"));
        return open(kernel, kernel.c(Constant.O_RDWR), layout);
    }

    /** Opens with other flags: tests use O_RDONLY to see the driver's EPERM. */
    static KttcpDevice open(Kernel kernel, int flags, KttcpLayout layout) throws ErrnoException {
        int r = kernel.sys().open(PATH, flags, 0);
        if (r == -1) {
            throw DeviceErrors.explain(kernel.error("open " + PATH), kernel);
        }
        return new KttcpDevice(kernel, Fd.own(kernel, "open", r, PATH), layout);
    }

    public KttcpLayout layout() {
        return layout;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The device's own descriptor (tests hand it to the kernel as a non-socket). */
    int deviceDescriptor() {
        return fd.get();
    }

    /** Sends {@code bytes} from the kernel on a connected socket of this kernel, in as many ioctls as it takes. */
    public Transfer send(int socket, long bytes) throws ErrnoException {
        return transfer(Direction.SEND, socket, bytes, null);
    }

    /** Receives up to {@code bytes} into the kernel; stops early, successfully, at the peer's EOF. */
    public Transfer recv(int socket, long bytes) throws ErrnoException {
        return transfer(Direction.RECV, socket, bytes, null);
    }

    /** Told of each ioctl's result as it completes (interval reports, time-based runs). */
    public interface ChunkListener {
        /** Returns false to stop before the next ioctl. */
        boolean chunk(Transfer chunk);
    }

    /**
     * Moves {@code bytes} in ioctls of at most the kernel's limit, summed into one Transfer. A receive that gets
     * fewer bytes than asked has met the peer's EOF and stops there.
     */
    public Transfer transfer(Direction dir, int socket, long bytes, ChunkListener listener) throws ErrnoException {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count " + bytes + " is negative");
        }
        long max = dir == Direction.SEND ? MAX_SEND : MAX_RECV;
        CpuTime cpu0 = Rusage.self();
        Transfer sum = new Transfer(0, 0, 0, Transfer.Clock.KERNEL, CpuTime.ZERO, 0);
        long left = bytes;
        while (left > 0) {
            long n = Math.min(left, max);
            Transfer t = ioctl(dir, socket, n);
            sum = sum.plus(t);
            left -= t.bytes();
            if (t.bytes() < n || (listener != null && !listener.chunk(t))) {
                break; // EOF (receive), or the listener's deadline
            }
        }
        return new Transfer(bytes, sum.bytes(), sum.elapsedNanos(), Transfer.Clock.KERNEL,
                Rusage.self().minus(cpu0), sum.calls());
    }

    /** One KTTCP_IO_SEND or KTTCP_IO_RECV of at most MAX_SEND or MAX_RECV bytes. */
    public Transfer ioctl(Direction dir, int socket, long bytes) throws ErrnoException {
        KttcpIoArgs args = new KttcpIoArgs();
        args.kio_totalsize = bytes;
        args.kio_socket = socket;
        args.kio_protovers = 0;
        args.write();
        long request = dir == Direction.SEND ? layout.sendRequest() : layout.recvRequest();
        CpuTime cpu0 = Rusage.self();
        int r = kernel.sys().ioctl(fd.get(), new NativeLong(request), args.getPointer());
        if (r == -1) {
            throw DeviceErrors.explain(kernel.error("ioctl KTTCP_IO_" + dir + " (" + bytes + " bytes)"), kernel);
        }
        args.read();
        return new Transfer(bytes, args.kio_bytesdone, args.elapsedNanos(), Transfer.Clock.KERNEL,
                Rusage.self().minus(cpu0), 1);
    }

    @Override
    public void close() {
        fd.close();
    }
}
