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
    /** kttcp.c: SEND refuses kio_totalsize >= 0x7fffffff (EINVAL), so 2^31-2 is the most one ioctl sends. */
    public static final long MAX_SEND = 0x7ffffffeL;
    /** kttcp.c: RECV refuses kio_totalsize > 0x7fffffff. docs/netbsd.md, "Kernel semantics". */
    public static final long MAX_RECV = 0x7fffffffL;

    public long kio_totalsize;
    public long kio_bytesdone;
    public NetBsdTimeval kio_elapsed = new NetBsdTimeval();
    public int kio_socket;
    public int kio_protovers;

    /** The offset JNA computed for a field on this platform. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }

    /** Elapsed kernel time in nanoseconds. */
    public long elapsedNanos() {
        return kio_elapsed.micros() * 1_000L;
    }
}
