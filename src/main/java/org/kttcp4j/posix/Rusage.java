package org.kttcp4j.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.abi.RusageHead;

/**
 * The process's CPU time from the host's getrusage(RUSAGE_SELF) (bound as __getrusage50 on NetBSD). Always the
 * host's: a rump kernel runs inside this process, so its work shows here too.
 */
public final class Rusage {
    private Rusage() {}

    /** CPU time of this process so far. */
    public static CpuTime self() {
        Abi abi = Abi.host();
        try (Memory m = new Memory(RusageHead.BUFFER)) {
            m.clear();
            if (HostLibc.getrusage(abi.get(Constant.RUSAGE_SELF), m) != 0) {
                throw new IllegalStateException(new ErrnoException("getrusage", abi.errno().lookup(Native.getLastError()), null));
            }
            long[] us = RusageHead.read(abi, m);
            return new CpuTime(us[0], us[1]);
        }
    }
}
