package org.kttcp4j.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Constant;
import org.kttcp4j.posix.CpuTime;

/** The host kernel through JNA: errno reaches the exception with the call's name and the table's meaning. */
class HostKernelTest {
    private final Kernel k = Kernel.host();

    @Test
    void aFailedCallNamesTheCallAndTheErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> k.check("close", k.sys().close(-1)));
        assertEquals("EBADF", e.errnoName());
        assertEquals(9, e.errno());
        assertEquals("close: EBADF (9) Bad file descriptor", e.getMessage());
    }

    @Test
    void openOfAMissingPathIsEnoent() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Fd.own(k, "open", k.sys().open("/nonexistent/kttcp4j", k.c(Constant.O_RDONLY), 0), "x"));
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void aDescriptorIsClosedExactlyOnce() throws Exception {
        // the kernel's calls counted: a second close must not reach the kernel (the number may be another
        // thread's by then), and the number, once released, is never closed again by this test either
        java.util.List<Integer> closes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Syscalls host = k.sys();
        Syscalls counting = (Syscalls) java.lang.reflect.Proxy.newProxyInstance(Syscalls.class.getClassLoader(),
                new Class<?>[] {Syscalls.class}, (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        closes.add((Integer) args[0]);
                    }
                    return m.invoke(host, args);
                });
        Kernel counted = new Kernel("counted host", k.abi(), counting);
        Fd fd = Fd.own(counted, "open", counting.open("/dev/null", k.c(Constant.O_RDWR), 0), "/dev/null");
        int n = fd.get();
        fd.close();
        fd.close();
        assertTrue(fd.isClosed());
        assertEquals(java.util.List.of(n), closes, "one close(2), of the descriptor's own number");
        assertEquals(0, fd.shutdown(k.c(Constant.SHUT_RDWR)), "a shutdown after close reaches no kernel");
        assertEquals(java.util.List.of(n), closes);
        IllegalStateException e = assertThrows(IllegalStateException.class, fd::get);
        assertEquals("/dev/null is closed", e.getMessage());
    }

    @Test
    void getrusageSeesCpuSpentInThisProcess() {
        // spin until the thread's own CPU clock (the JVM's, not getrusage) has counted 100 ms, bounded by 30 s of
        // wall time: on a loaded machine the spin takes longer, never less CPU
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        CpuTime before = Rusage.self();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long x = 0;
        long end = System.nanoTime() + 30_000_000_000L;
        while (threads.getCurrentThreadCpuTime() - cpu0 < 100_000_000L && System.nanoTime() < end) {
            x += System.nanoTime() % 7;
        }
        long spun = threads.getCurrentThreadCpuTime() - cpu0;
        CpuTime spent = Rusage.self().minus(before);
        assertTrue(spun >= 100_000_000L, "the spin got 100 ms of CPU within 30 s: " + spun + " ns " + x);
        // getrusage counts in statistics-clock ticks (10 ms at 100 Hz): allow one tick below the thread's own clock
        assertTrue(spent.totalMicros() >= 90_000, "100 ms of spinning shows in getrusage: " + spent);
    }
}
