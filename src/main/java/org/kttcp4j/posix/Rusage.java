package org.kttcp4j.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.KttcpIoArgs;
import org.kttcp4j.measure.CpuTime;

/**
 * The process's CPU time from the host's getrusage(RUSAGE_SELF) (bound as __getrusage50 on NetBSD). Always the
 * host's: a rump kernel runs inside this process, so its work shows here too.
 */
public final class Rusage {
    private static final int RUSAGE_SELF = 0; // sys/sys/resource.h on NetBSD, bits/resource.h on Linux
    /** Larger than struct rusage anywhere (144 bytes on LP64): the kernel writes all of it. */
    private static final int BUFFER = 512;

    private Rusage() {}

    /** NetBSD's struct timeval {time_t (64-bit); suseconds_t (int)}, netbsd-abi.md. */
    @Structure.FieldOrder({"ru_utime", "ru_stime"})
    public static final class NetBsdHead extends Structure {
        public KttcpIoArgs.Timeval ru_utime = new KttcpIoArgs.Timeval();
        public KttcpIoArgs.Timeval ru_stime = new KttcpIoArgs.Timeval();

        NetBsdHead(Memory m) {
            super(m);
        }
    }

    /** glibc's struct timeval {long; long}. */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    public static final class LinuxTimeval extends Structure {
        public NativeLong tv_sec;
        public NativeLong tv_usec;
    }

    @Structure.FieldOrder({"ru_utime", "ru_stime"})
    public static final class LinuxHead extends Structure {
        public LinuxTimeval ru_utime = new LinuxTimeval();
        public LinuxTimeval ru_stime = new LinuxTimeval();

        LinuxHead(Memory m) {
            super(m);
        }
    }

    /** CPU time of this process so far. */
    public static CpuTime self() {
        try (Memory m = new Memory(BUFFER)) {
            m.clear();
            if (HostLibc.getrusage(RUSAGE_SELF, m) != 0) {
                Abi abi = Abi.host();
                throw new IllegalStateException(new ErrnoException("getrusage", abi.errno().lookup(Native.getLastError()), null));
            }
            if (Abi.host() == Abi.netbsd()) {
                NetBsdHead h = new NetBsdHead(m);
                h.read();
                return new CpuTime(micros(h.ru_utime.tv_sec, h.ru_utime.tv_usec), micros(h.ru_stime.tv_sec, h.ru_stime.tv_usec));
            }
            LinuxHead h = new LinuxHead(m);
            h.read();
            return new CpuTime(micros(h.ru_utime.tv_sec.longValue(), h.ru_utime.tv_usec.longValue()),
                    micros(h.ru_stime.tv_sec.longValue(), h.ru_stime.tv_usec.longValue()));
        }
    }

    /** True when standard error is a terminal (isatty(2)); false where kttcp4j has no libc binding. */
    public static boolean stderrIsTerminal() {
        try {
            return HostLibc.isatty(2) == 1;
        } catch (UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    private static long micros(long sec, long usec) {
        return sec * 1_000_000L + usec;
    }
}
