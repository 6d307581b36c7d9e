package org.kttcp4j.abi;

import com.sun.jna.Structure;

/**
 * NetBSD's struct timeval: time_t is 64-bit on every NetBSD port, suseconds_t a 32-bit int (docs/netbsd.md,
 * "struct kttcp_io_args"). tv_usec is read as 4 bytes: reading 8 would be wrong on big-endian sparc64.
 * Used in struct kttcp_io_args and struct rusage.
 */
@Structure.FieldOrder({"tv_sec", "tv_usec"})
public final class NetBsdTimeval extends Structure {
    public long tv_sec;
    public int tv_usec;

    public long micros() {
        return tv_sec * 1_000_000L + tv_usec;
    }
}
