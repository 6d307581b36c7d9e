package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kttcp4j.report.ReportFixture.LOOPBACK_PEER;
import static org.kttcp4j.report.ReportFixture.MIB;
import static org.kttcp4j.report.ReportFixture.REMOTE;
import static org.kttcp4j.report.ReportFixture.SENDING_PEER;
import static org.kttcp4j.report.ReportFixture.cpu;
import static org.kttcp4j.report.ReportFixture.end;
import static org.kttcp4j.report.ReportFixture.result;
import static org.kttcp4j.report.ReportFixture.single;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.report.ReportFixture;

/**
 * The C kttcp tool's mode (-t, -r) in process: stdout line for line as pkgsrc benchmarks/kttcp/files/kttcp.c
 * rev 1.5 prints it (the socket buffer size, "listening on port", "connected to" or "connect from", the result
 * lines), and what the C tool does not print (the engine, -q's listening port) on stderr.
 */
class KttcpToolReporterTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    KttcpToolReporter reporter(boolean quiet, boolean verbose) {
        return new KttcpToolReporter(new PrintWriter(out, true), new PrintWriter(err, true), quiet, verbose);
    }

    List<String> out() {
        return ReportFixture.lines(out.toString());
    }

    List<String> err() {
        return ReportFixture.lines(err.toString());
    }

    /** kttcp -r -b 65536: 10 MiB received in 1.05 s, user 0.02 s, sys 0.31 s (KttcpToolFormatTest's numbers). */
    static RunResult received() {
        Run run = ReportFixture.receive(b -> b.sockbuf(65536));
        CpuTime cpu = cpu(20_000, 310_000);
        return result(run, List.of(end(Role.RECEIVER, 1, ReportFixture.kernelTransfer(Transfer.OPEN, 10 * MIB,
                1_050_000_000L, cpu, 1), SENDING_PEER)), List.of(), cpu, 1_050_000_000L);
    }

    @Test
    void aReceiverPrintsTheCToolsLinesInItsOrder() {
        KttcpToolReporter r = reporter(false, false);
        RunResult result = received();
        r.started(result.run(), "kttcp(4): KTTCP_IO_RECV");
        r.listening(new java.net.InetSocketAddress(22222));
        r.connected(Role.RECEIVER, SENDING_PEER);
        r.runStarted(result.run(), 65536, 1);
        r.runEnded(result);
        r.finished(single(result));
        // bytes/sec = 10485760 * 10^6 / 1050000 = 9986438; * 8 = 79891504 bit/s = 76.1905 Mbit (2^20), 79.8915 (10^6)
        assertEquals(List.of(
                "kttcp: socket buffer size: 65536",
                "kttcp: listening on port 22222",
                "kttcp: connect from 198.18.0.2",
                "kttcp: 10485760 bytes in 1.050 real seconds ==> 9986438 bytes/sec",
                "       76.1905 (79.8915) Megabits/sec",
                "  0.02user 0.31sys 1.5real 31%"), out());
        assertEquals(List.of("kttcp4j: engine user (kttcp(4): KTTCP_IO_RECV)"), err());
    }

    @Test
    void aSenderSaysWhereItConnectedAndVerboseAddsTheCpuLine() {
        KttcpToolReporter r = reporter(false, true);
        Run run = ReportFixture.send(b -> b.bytes(64 * MIB));
        CpuTime cpu = cpu(0, 500_000);
        RunResult result = result(run, List.of(end(Role.SENDER, 1, ReportFixture.kernelTransfer(64 * MIB, 64 * MIB,
                500_000_000L, cpu, 1), REMOTE)), List.of(), cpu, 500_000_000L);
        r.started(run, "kttcp(4)");
        r.connected(Role.SENDER, REMOTE);
        r.runEnded(result);
        // 67108864 bytes in 0.5 s = 134217728 bytes/sec; in 0.5 CPU seconds the same per CPU second
        assertEquals(List.of(
                "kttcp: socket buffer size: 0",
                "kttcp: connected to 198.18.0.1",
                "kttcp: 67108864 bytes in 0.500 real seconds ==> 134217728 bytes/sec",
                "kttcp: 67108864 bytes in 0.500 CPU seconds ==> 134217728 bytes/CPU sec",
                "       1024 (1073.74) Megabits/sec",
                "  0.00user 0.50sys 0.50real 100%"), out());
    }

    @Test
    void quietLeavesStdoutToTheResultAndTellsTheListeningPortOnStderr() {
        KttcpToolReporter r = reporter(true, false);
        RunResult result = received();
        r.started(result.run(), "kttcp(4)");
        r.listening(new java.net.InetSocketAddress(22222));
        r.connected(Role.RECEIVER, LOOPBACK_PEER);
        r.runEnded(result);
        assertEquals(List.of("kttcp: socket buffer size: 65536",
                "kttcp: 10485760 bytes in 1.050 real seconds ==> 9986438 bytes/sec",
                "       76.1905 (79.8915) Megabits/sec",
                "  0.02user 0.31sys 1.5real 31%"), out());
        assertEquals(List.of("kttcp4j: engine user (kttcp(4))", "kttcp4j: listening on port 22222"), err());
    }
}
