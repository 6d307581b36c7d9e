package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.measure.Transfer;

/** The C tool's result lines (pkgsrc benchmarks/kttcp/files/kttcp.c rev 1.5), worked out by hand from its code. */
class KttcpToolFormatTest {
    private static String print(Transfer t, boolean verbose) {
        StringWriter b = new StringWriter();
        KttcpToolFormat.result(new PrintWriter(b, true), t, verbose);
        return b.toString();
    }

    @Test
    void resultLinesAsTheCToolPrintsThem() {
        // 10485760 bytes in 1.050 s; user 0.02 s, sys 0.31 s
        Transfer t = new Transfer(10485760, 10485760, 1_050_000_000L, Transfer.Clock.KERNEL, new CpuTime(20_000, 310_000), 1);
        // bytes/sec = 10485760 * 1e6 / 1050000 = 9986438; bits = 79891504
        // Mbit: 79891504 / 2^20 = 76.1905..., / 1e6 = 79.8915...
        // real: the C tool prints (usecs % 1e6) / 10000 with %lld: 1.5real, not 1.05real
        assertEquals("kttcp: 10485760 bytes in 1.050 real seconds ==> 9986438 bytes/sec\n"
                + "       76.1905 (79.8915) Megabits/sec\n"
                + "  0.02user 0.31sys 1.5real 31%\n", print(t, false).replace("\r", ""));
    }

    @Test
    void verboseAddsTheSystemCpuLine() {
        Transfer t = new Transfer(1 << 30, 1 << 30, 2_000_000_000L, Transfer.Clock.KERNEL, new CpuTime(0, 500_000), 1);
        String[] lines = print(t, true).split("\r?\n");
        assertEquals("kttcp: 1073741824 bytes in 0.500 CPU seconds ==> 2147483648 bytes/CPU sec", lines[1]);
        assertEquals(4, lines.length);
    }

    @Test
    void zeroElapsedTimeDoesNotDivideByZero() {
        Transfer t = new Transfer(0, 0, 0, Transfer.Clock.KERNEL, CpuTime.ZERO, 1);
        assertEquals("kttcp: 0 bytes in 0.000 real seconds ==> 0 bytes/sec\n"
                + "kttcp: 0 bytes in 0.000 CPU seconds ==> 0 bytes/CPU sec\n"
                + "       0 (0) Megabits/sec\n"
                + "  0.00user 0.00sys 0.0real 0%\n", print(t, true).replace("\r", ""));
    }
}
