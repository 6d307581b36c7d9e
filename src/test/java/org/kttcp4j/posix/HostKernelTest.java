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
        Fd fd = Fd.own(k, "open", k.sys().open("/dev/null", k.c(Constant.O_RDWR), 0), "/dev/null");
        int n = fd.get();
        fd.close();
        fd.close(); // second close is a no-op, never a close of a reused number
        assertTrue(fd.isClosed());
        assertEquals(-1, k.sys().close(n), "the number was released by the first close");
        assertThrows(IllegalStateException.class, fd::get);
    }

    @Test
    void getrusageSeesCpuSpentInThisProcess() {
        CpuTime before = Rusage.self();
        long x = 0;
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end) {
            x += System.nanoTime() % 7;
        }
        CpuTime spent = Rusage.self().minus(before);
        assertTrue(spent.totalMicros() >= 100_000, "200 ms of spinning shows as CPU time: " + spent + " " + x);
    }
}
