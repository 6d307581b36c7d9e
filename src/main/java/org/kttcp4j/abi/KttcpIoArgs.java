package org.kttcp4j.abi;

import com.sun.jna.Structure;

/**
 * struct kttcp_io_args, src: sys/dev/kttcpio.h (NetBSD/src).
 *
 * <pre>
 * struct kttcp_io_args {
 *     unsigned long long kio_totalsize;  // in
 *     unsigned long long kio_bytesdone;  // out
 *     struct timeval     kio_elapsed;    // out
 *     int                kio_socket;     // in
 *     int                kio_protovers;  // never read or written: 0
 * };
 * </pre>
 *
 * The fields are declared, not offsets hard-coded, so JNA lays the struct out with the running platform's
 * alignment rules: 40 bytes on LP64 and earm, 36 on i386 (64-bit members aligned to 4). {@link KttcpLayout}
 * checks the result against NetBSD's table before any ioctl is made.
 */
@Structure.FieldOrder({"kio_totalsize", "kio_bytesdone", "kio_elapsed", "kio_socket", "kio_protovers"})
public final class KttcpIoArgs extends Structure {
    /**
     * NetBSD's struct timeval: time_t is 64-bit on every NetBSD port, suseconds_t is a 32-bit int
     * (netbsd-abi.md). tv_usec is read as 4 bytes: reading 8 would be wrong on big-endian sparc64.
     */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    public static final class Timeval extends Structure {
        public long tv_sec;
        public int tv_usec;
    }

    public long kio_totalsize;
    public long kio_bytesdone;
    public Timeval kio_elapsed = new Timeval();
    public int kio_socket;
    public int kio_protovers;

    /** The offset JNA computed for a field on this platform. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }

    /** Elapsed kernel time in nanoseconds. */
    public long elapsedNanos() {
        return kio_elapsed.tv_sec * 1_000_000_000L + kio_elapsed.tv_usec * 1_000L;
    }
}
