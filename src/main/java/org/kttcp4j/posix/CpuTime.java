package org.kttcp4j.posix;

import org.kttcp4j.PublicApi;

/** User and system CPU time, in microseconds (getrusage's resolution). */
@PublicApi
public record CpuTime(long userMicros, long sysMicros) {
    public static final CpuTime ZERO = new CpuTime(0, 0);

    public CpuTime minus(CpuTime earlier) {
        // getrusage is not always monotonic between calls (kttcp.c's own "XXX sometimes -1 * hz"): clamp at 0.
        return new CpuTime(Math.max(0, userMicros - earlier.userMicros), Math.max(0, sysMicros - earlier.sysMicros));
    }

    public CpuTime plus(CpuTime other) {
        return new CpuTime(userMicros + other.userMicros, sysMicros + other.sysMicros);
    }

    public long totalMicros() {
        return userMicros + sysMicros;
    }
}
