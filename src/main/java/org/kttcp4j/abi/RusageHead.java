package org.kttcp4j.abi;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * The first two fields of struct rusage, ru_utime and ru_stime, in each kernel's layout: NetBSD's timeval is
 * {int64; int32} (src: sys/sys/resource.h, sys/sys/time.h), glibc's {long; long}. The rest of the struct is
 * not read; {@link #BUFFER} is larger than the whole struct anywhere (144 bytes on LP64), since the kernel
 * writes all of it.
 */
public final class RusageHead {
    public static final int BUFFER = 512;

    private RusageHead() {}

    /** User and system CPU microseconds from a struct rusage the host's getrusage filled in m. */
    public static long[] read(Abi abi, Memory m) {
        if (abi == Abi.netbsd()) {
            NetBsd h = new NetBsd(m);
            h.read();
            return new long[] {h.ru_utime.micros(), h.ru_stime.micros()};
        }
        Linux h = new Linux(m);
        h.read();
        return new long[] {h.ru_utime.micros(), h.ru_stime.micros()};
    }

    @Structure.FieldOrder({"ru_utime", "ru_stime"})
    public static final class NetBsd extends Structure {
        public NetBsdTimeval ru_utime = new NetBsdTimeval();
        public NetBsdTimeval ru_stime = new NetBsdTimeval();

        NetBsd(Memory m) {
            super(m);
        }
    }

    /** glibc's struct timeval {long tv_sec; long tv_usec}. */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    public static final class LinuxTimeval extends Structure {
        public NativeLong tv_sec;
        public NativeLong tv_usec;

        long micros() {
            return tv_sec.longValue() * 1_000_000L + tv_usec.longValue();
        }
    }

    @Structure.FieldOrder({"ru_utime", "ru_stime"})
    public static final class Linux extends Structure {
        public LinuxTimeval ru_utime = new LinuxTimeval();
        public LinuxTimeval ru_stime = new LinuxTimeval();

        Linux(Memory m) {
            super(m);
        }
    }
}
