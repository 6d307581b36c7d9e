package org.kttcp4j.posix;

import org.kttcp4j.PublicApi;

/**
 * User and system CPU time, in microseconds (getrusage's resolution).
 *
 * @param userMicros CPU time in user space, in microseconds
 * @param sysMicros CPU time in the kernel, in microseconds
 */
@PublicApi
public record CpuTime(long userMicros, long sysMicros) {
    /** No CPU time. */
    public static final CpuTime ZERO = new CpuTime(0, 0);

    /**
     * The CPU used since an earlier reading, each part clamped at 0 (getrusage is not always monotonic).
     * @param earlier the earlier reading
     * @return the difference
     */
    public CpuTime minus(CpuTime earlier) {
        // getrusage is not always monotonic between calls (kttcp.c's own "XXX sometimes -1 * hz"): clamp at 0.
        return new CpuTime(Math.max(0, userMicros - earlier.userMicros), Math.max(0, sysMicros - earlier.sysMicros));
    }

    /**
     * Two readings' CPU added, as for two processes or two transfers.
     * @param other the other reading
     * @return the sum
     */
    public CpuTime plus(CpuTime other) {
        return new CpuTime(userMicros + other.userMicros, sysMicros + other.sysMicros);
    }

    /**
     * User and system time together.
     * @return the total, in microseconds
     */
    public long totalMicros() {
        return userMicros + sysMicros;
    }
}
