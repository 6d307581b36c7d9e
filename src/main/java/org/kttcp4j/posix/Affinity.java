package org.kttcp4j.posix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Errno;

/**
 * CPU affinity of the calling thread, through the host's libc: the CPUs it may run on, pinning it to one, and the
 * CPU it runs on now. Always the host's, also when the engines use a rump kernel: a rump kernel's threads are
 * host threads, and the host schedules them.
 * <ul>
 * <li>Linux: sched_setaffinity(2)/sched_getaffinity(2) with pid 0 (the calling thread) and a glibc cpu_set_t of
 * {@link Abi#LINUX_CPU_SET_BYTES} bytes; sched_getcpu(3) for where it runs.</li>
 * <li>NetBSD: pthread_setaffinity_np(3) on pthread_self() with a cpuset_t from libc's _cpuset_create (cpuset(3));
 * the thread's set is read with pthread_getaffinity_np, empty meaning "not pinned: any CPU". NetBSD has no
 * sched_getcpu, so where a thread ran is unknown there. Pinning needs root under secmodel_suser (EPERM otherwise)
 * unless security.models.extensions.user_set_cpu_affinity=1 (docs/netbsd.md, "CPU affinity").</li>
 * </ul>
 */
public final class Affinity {
    private Affinity() {}

    /** Whether this host has a binding for thread affinity (Linux and NetBSD). */
    public static boolean supported() {
        return isLinux() || isNetBsd();
    }

    /** The CPUs the calling thread may run on, ascending. */
    public static List<Integer> allowed() throws ErrnoException {
        if (isLinux()) {
            Memory mask = new Memory(Abi.LINUX_CPU_SET_BYTES);
            mask.clear();
            if (Linux.sched_getaffinity(0, new NativeLong(Abi.LINUX_CPU_SET_BYTES), mask) != 0) {
                throw error("sched_getaffinity");
            }
            return linuxCpus(mask);
        }
        if (isNetBsd()) {
            return NetBsd.allowed();
        }
        throw unsupported();
    }

    /**
     * Pins the calling thread to one CPU. Linux: EINVAL when the CPU is not one the thread may use (offline, or
     * outside its cpuset); NetBSD: EPERM for a user without the privilege, or a CPU in a processor set.
     */
    public static void pin(int cpu) throws ErrnoException {
        if (cpu < 0 || cpu >= Abi.LINUX_CPU_SETSIZE) {
            throw new IllegalArgumentException("CPU " + cpu + " is outside 0-" + (Abi.LINUX_CPU_SETSIZE - 1));
        }
        if (isLinux()) {
            Memory mask = new Memory(Abi.LINUX_CPU_SET_BYTES);
            mask.clear();
            // the CPU_SET macro: unsigned long words, CPU n at bit n % bits of word n / bits (bits/cpu-set.h)
            int bits = 8 * Native.LONG_SIZE;
            long word = cpu / bits;
            if (Native.LONG_SIZE == 8) {
                mask.setLong(word * 8, 1L << (cpu % bits));
            } else {
                mask.setInt(word * 4, 1 << (cpu % bits));
            }
            if (Linux.sched_setaffinity(0, new NativeLong(Abi.LINUX_CPU_SET_BYTES), mask) != 0) {
                throw error("sched_setaffinity CPU " + cpu);
            }
            return;
        }
        if (isNetBsd()) {
            NetBsd.pin(cpu);
            return;
        }
        throw unsupported();
    }

    /** The CPU the calling thread runs on now (Linux's sched_getcpu), empty where the host does not say. */
    public static OptionalInt current() {
        if (!isLinux()) {
            return OptionalInt.empty(); // NetBSD's libc has no sched_getcpu (docs/netbsd.md, "CPU affinity")
        }
        int cpu = Linux.sched_getcpu();
        return cpu < 0 ? OptionalInt.empty() : OptionalInt.of(cpu);
    }

    /** A CPU list as Linux prints one (Cpus_allowed_list, taskset -c): "0-3,6". */
    public static String ranges(List<Integer> cpus) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            s.append(s.length() > 0 ? "," : "").append(cpus.get(i));
            if (j > i) {
                s.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    private static List<Integer> linuxCpus(Pointer mask) {
        List<Integer> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < Abi.LINUX_CPU_SETSIZE; cpu++) {
            int bits = 8 * Native.LONG_SIZE;
            long word = Native.LONG_SIZE == 8 ? mask.getLong((cpu / bits) * 8L) : mask.getInt((cpu / bits) * 4L);
            if ((word & (1L << (cpu % bits))) != 0) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    private static boolean isLinux() {
        return Platform.isLinux();
    }

    private static boolean isNetBsd() {
        return Platform.isNetBSD();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("`affinity` pins threads on Linux and NetBSD; this is "
                + System.getProperty("os.name") + ": run without `affinity`");
    }

    private static ErrnoException error(String call) {
        return new ErrnoException(call, Abi.host().errno().lookup(Native.getLastError()), null);
    }

    /** glibc, direct-mapped on first use; size_t as NativeLong (the width of size_t on Linux's ABIs). */
    private static final class Linux {
        static {
            Native.register(Linux.class, Platform.C_LIBRARY_NAME);
        }

        static native int sched_setaffinity(int pid, NativeLong size, Pointer mask);

        static native int sched_getaffinity(int pid, NativeLong size, Pointer mask);

        static native int sched_getcpu();
    }

    /**
     * NetBSD: cpuset(3) from libc (common/lib/libc/sys/cpuset.c: the <sched.h> macros cpuset_create, cpuset_set,
     * cpuset_size, cpuset_isset, cpuset_destroy call these _cpuset_* functions), the thread calls from libpthread
     * (lib/libpthread/pthread_misc.c: pthread_setaffinity_np(pthread_self(), size, set) is
     * _sched_setaffinity(getpid(), lid, size, set), returning the errno instead of setting it).
     */
    private static final class NetBsd {
        interface Pthread extends Library {
            Pointer pthread_self();

            int pthread_setaffinity_np(Pointer thread, NativeLong size, Pointer set);

            int pthread_getaffinity_np(Pointer thread, NativeLong size, Pointer set);
        }

        interface CpusetLibc extends Library {
            Pointer _cpuset_create();

            void _cpuset_destroy(Pointer set);

            NativeLong _cpuset_size(Pointer set);

            void _cpuset_zero(Pointer set);

            int _cpuset_set(NativeLong cpu, Pointer set);

            int _cpuset_isset(NativeLong cpu, Pointer set);
        }

        static final Pthread PTHREAD = Native.load("pthread", Pthread.class);
        static final CpusetLibc LIBC = Native.load(Platform.C_LIBRARY_NAME, CpusetLibc.class);

        static void pin(int cpu) throws ErrnoException {
            List<Integer> all = online();
            if (!all.contains(cpu)) {
                // an index no CPU has is ignored by sys__sched_setaffinity, and a set with no CPU in it unpins:
                // refuse here instead (src: sys/kern/sys_sched.c; docs/netbsd.md, "CPU affinity")
                throw new ErrnoException("pthread_setaffinity_np CPU " + cpu, Abi.netbsd().errno().lookup(
                        Abi.netbsd().errno().require(Errno.EINVAL)), "this machine has CPUs " + ranges(all));
            }
            Pointer set = create();
            try {
                LIBC._cpuset_zero(set);
                if (LIBC._cpuset_set(new NativeLong(cpu), set) != 0) {
                    throw error("cpuset_set CPU " + cpu);
                }
                int e = PTHREAD.pthread_setaffinity_np(PTHREAD.pthread_self(), LIBC._cpuset_size(set), set);
                if (e != 0) {
                    ErrnoException x = new ErrnoException("pthread_setaffinity_np CPU " + cpu,
                            Abi.netbsd().errno().lookup(e), null);
                    throw e == Abi.netbsd().errno().require(Errno.EPERM) ? x.withHint("pinning a thread needs root"
                            + " (or sysctl -w security.models.extensions.user_set_cpu_affinity=1), and a CPU outside"
                            + " any processor set") : x;
                }
            } finally {
                LIBC._cpuset_destroy(set);
            }
        }

        /** The thread's own set, or every CPU when it is not pinned (the kernel then returns an empty set). */
        static List<Integer> allowed() throws ErrnoException {
            List<Integer> all = online();
            Pointer set = create();
            try {
                LIBC._cpuset_zero(set);
                int e = PTHREAD.pthread_getaffinity_np(PTHREAD.pthread_self(), LIBC._cpuset_size(set), set);
                if (e != 0) {
                    throw new ErrnoException("pthread_getaffinity_np", Abi.netbsd().errno().lookup(e), null);
                }
                List<Integer> mine = new ArrayList<>();
                for (int cpu : all) {
                    if (LIBC._cpuset_isset(new NativeLong(cpu), set) == 1) {
                        mine.add(cpu);
                    }
                }
                return mine.isEmpty() ? all : mine;
            } finally {
                LIBC._cpuset_destroy(set);
            }
        }

        /** CPUs 0 to hw.ncpu - 1, as _cpuset_create counts them (the JVM reads the same hw.ncpu). */
        private static List<Integer> online() {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                all.add(i);
            }
            return all;
        }

        private static Pointer create() throws ErrnoException {
            Pointer set = LIBC._cpuset_create();
            if (set == null) {
                throw error("cpuset_create");
            }
            return set;
        }
    }
}
