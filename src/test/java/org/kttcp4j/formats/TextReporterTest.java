package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kttcp4j.report.ReportFixture.GIB;
import static org.kttcp4j.report.ReportFixture.LOOPBACK_PEER;
import static org.kttcp4j.report.ReportFixture.MIB;
import static org.kttcp4j.report.ReportFixture.MS;
import static org.kttcp4j.report.ReportFixture.cpu;
import static org.kttcp4j.report.ReportFixture.end;
import static org.kttcp4j.report.ReportFixture.interval;
import static org.kttcp4j.report.ReportFixture.loopback;
import static org.kttcp4j.report.ReportFixture.pinnedLoopback;
import static org.kttcp4j.report.ReportFixture.result;
import static org.kttcp4j.report.ReportFixture.results;
import static org.kttcp4j.report.ReportFixture.single;
import static org.kttcp4j.report.ReportFixture.text;
import static org.kttcp4j.report.ReportFixture.transfer;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.TcpSample;
import org.kttcp4j.report.ReportFixture;
import org.kttcp4j.run.SideResult;

/**
 * The default output, line for line, as a user reads it: iperf3's interval lines (esnet/iperf's layout and
 * units), the run's header, one line per end with bytes, seconds, Gbit/s (bytes * 8 / seconds / 10^9), MB/s
 * (bytes / seconds / 10^6) and CPU, the [SUM] lines, how an end ended early, a series' lines and statistics.
 * A stream end's own CPU s/GB (and CPU %) is not asserted: it divides the process's CPU by one stream's bytes,
 * which is to change (issue #22, item 6); the line is held up to its CPU seconds and from its tags on.
 */
class TextReporterTest {

    /** The line of lines that starts with prefix; fails naming them all when none does. */
    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "':\n" + String.join("\n", lines)));
    }

    /** A stream end's line: everything up to its CPU seconds, then (its own CPU figures, not held) the end. */
    private static void assertEndLine(List<String> lines, String upToCpuSeconds, String ending) {
        String l = line(lines, upToCpuSeconds);
        assertTrue(l.endsWith(ending), "'" + l + "' should end with '" + ending + "'");
    }

    @Test
    void oneStreamLoopbackPrintsIntervalsHeaderAndOneLinePerEnd() {
        List<String> out = text(single(ReportFixture.loopbackOneStream()));
        // 512 MiB in 0.25 s: 536870912 * 8 / 0.25 = 17.18 * 10^9 bit/s, iperf3's three digits: 17.2 Gbits/sec
        assertEquals(List.of(
                "[ ID] Interval           Transfer     Bitrate",
                "[  1]   0.00-0.25   sec   512 MBytes  17.2 Gbits/sec",
                "[  1]   0.25-0.50   sec   512 MBytes  17.2 Gbits/sec",
                "kttcp4j loopback: peer 127.0.0.1 port 40000, kernel host, one process",
                "sender    engine user (" + ReportFixture.USER + "), socket buffers send 2626560 receive 131072",
                "receiver  engine user (" + ReportFixture.USER + "), socket buffers send 2626560 receive 131072"),
                out.subList(0, 6));
        // 1073741824 bytes in 0.5 s: 17.18 Gbit/s, 2147.5 MB/s (10^6 bytes)
        assertEndLine(out, "sender    1073741824 bytes in 0.500 s = 17.18 Gbit/s (2147.5 MB/s), CPU user 0.02 s sys 0.48 s", "");
        assertEndLine(out, "receiver  1073741824 bytes in 0.500 s = 17.18 Gbit/s (2147.5 MB/s), CPU user 0.02 s sys 0.48 s", "");
        assertEquals("(CPU figures are the whole process's: all streams and both ends share it in this run)",
                out.get(out.size() - 1));
        assertEquals(9, out.size(), String.join("\n", out));
    }

    @Test
    void severalStreamsAddASumLinePerIntervalAndPerRoleWithTheSendersRetransmitsAndCwnd() {
        List<String> out = text(single(ReportFixture.sendTwoStreamsWithTcpInfo()));
        // 300 MB = 286.1 MiB in 0.5 s = 4.80 Gbit/s; iperf3's Retr and Cwnd (144800 bytes = 141 KBytes);
        // the [SUM] has the streams' bytes and retransmits added, and no cwnd (as iperf3's)
        assertEquals(List.of(
                "[ ID] Interval           Transfer     Bitrate         Retr  Cwnd",
                "[  1]   0.00-0.50   sec   286 MBytes  4.80 Gbits/sec     3    141 KBytes",
                "[  2]   0.00-0.50   sec   191 MBytes  3.20 Gbits/sec     1   70.7 KBytes",
                "[SUM]   0.00-0.50   sec   477 MBytes  8.00 Gbits/sec     4",
                "[  1]   0.50-1.00   sec   286 MBytes  4.80 Gbits/sec     2    141 KBytes",
                "[  2]   0.50-1.00   sec   191 MBytes  3.20 Gbits/sec     0   70.7 KBytes",
                "[SUM]   0.50-1.00   sec   477 MBytes  8.00 Gbits/sec     2",
                "kttcp4j send: peer 198.18.0.1 port 5201, kernel host, 2 streams",
                "sender    engine user (" + ReportFixture.USER + "), socket buffers send 2626560 receive 131072, congestion cubic"),
                out.subList(0, 9));
        // each stream with its TCP_INFO at the end; 400 MB in 0.998 s = 3.21 Gbit/s
        assertEndLine(out, "sender [1] 600000000 bytes in 1.000 s = 4.80 Gbit/s (600.0 MB/s), CPU user 0.10 s sys 0.90 s",
                // iperf3's units pad to four places: "cwnd  141 KBytes", as the interval's Cwnd column has it
                ", 5 retransmits, cwnd  141 KBytes, rtt 45 us");
        assertEndLine(out, "sender [2] 400000000 bytes in 0.998 s = 3.21 Gbit/s (400.8 MB/s), CPU user 0.10 s sys 0.90 s",
                ", 1 retransmits, cwnd 70.7 KBytes, rtt 60 us");
        // the sum: bytes added, over the longer stream's time; the run's CPU, 1 s over 1 s and 1 s per 10^9 bytes
        assertEquals("sender [SUM] 1000000000 bytes in 1.000 s = 8.00 Gbit/s (1000.0 MB/s), CPU user 0.10 s sys 0.90 s"
                + " (100%), 1.00 CPU s/GB", line(out, "sender [SUM]"));
        assertEquals("(CPU figures are the whole process's: all streams share it in this run, so a stream has no CPU s/GB"
                + " of its own)", out.get(out.size() - 1));
        assertEquals(13, out.size(), String.join("\n", out));
    }

    @Test
    void aPartialTransferEndedByAnErrorSaysBothAndKeepsWhatArrived() {
        List<String> out = text(single(ReportFixture.receivePartialWithError()));
        assertEquals("kttcp4j recv: peer 198.18.0.2 port 50000, kernel host", out.get(0));
        // 4 MiB in 0.1 s: 4194304 * 8 / 0.1 = 0.34 Gbit/s, 41.9 MB/s
        assertEndLine(out, "receiver  4194304 bytes in 0.100 s = 0.34 Gbit/s (41.9 MB/s), CPU user 0.00 s sys 0.01 s",
                " [partial: 4194304 of 16777216 bytes] [ended by error: " + ReportFixture.RESET + "]");
        assertEquals(3, out.size(), String.join("\n", out));
    }

    @Test
    void anEndStoppedBySignalSaysByWhatAndAfterHowManyBytes() {
        List<String> out = text(ReportFixture.sendStoppedBySigint());
        assertEndLine(out, "sender    500000000 bytes in 0.500 s = 8.00 Gbit/s (1000.0 MB/s), CPU user 0.05 s sys 0.20 s",
                " [stopped by SIGINT after 500000000 bytes]");
    }

    @Test
    void aKernelTimedTransferSaysSo() {
        Run run = loopback(b -> b.bytes(GIB));
        CpuTime cpu = cpu(0, 400_000);
        RunResult r = result(run, List.of(
                end(Role.SENDER, 1, ReportFixture.kernelTransfer(GIB, GIB, 400 * MS, cpu, 1), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, ReportFixture.kernelTransfer(Transfer.OPEN, GIB, 400 * MS, cpu, 1), LOOPBACK_PEER)),
                List.of(), cpu, 400 * MS);
        List<String> out = text(single(r));
        assertEndLine(out, "sender    1073741824 bytes in 0.400 s = 21.47 Gbit/s (2684.4 MB/s), CPU user 0.00 s sys 0.40 s",
                ", kernel clock");
    }

    @Test
    void aSumWithNoTimeElapsedIsNotMeasuredInsteadOfInfinite() {
        Run run = loopback(b -> b.bytes(2).parallel(2));
        List<SideResult> sides = List.of(
                end(Role.SENDER, 1, transfer(1, 1, 0, CpuTime.ZERO, 1), LOOPBACK_PEER),
                end(Role.SENDER, 2, transfer(1, 1, 0, CpuTime.ZERO, 1), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, 1, 0, CpuTime.ZERO, 1), LOOPBACK_PEER),
                end(Role.RECEIVER, 2, transfer(Transfer.OPEN, 1, 0, CpuTime.ZERO, 1), LOOPBACK_PEER));
        List<String> out = text(single(result(run, sides, List.of(), CpuTime.ZERO, 0)));
        assertEquals("sender [SUM] 2 bytes in 0.000 s = (not measured) Gbit/s (- MB/s), CPU user 0.00 s sys 0.00 s"
                + " (CPU not measured: under 20 ms or 1 MiB)", line(out, "sender [SUM]"));
        assertEquals("receiver [SUM] 2 bytes in 0.000 s = (not measured) Gbit/s (- MB/s), CPU user 0.00 s sys 0.00 s"
                + " (CPU not measured: under 20 ms or 1 MiB)", line(out, "receiver [SUM]"));
    }

    @Test
    void anOmittedIntervalIsMarked() {
        Run run = loopback(b -> b.time(Duration.ofSeconds(1)).omit(Duration.ofSeconds(1)).interval(Duration.ofSeconds(1)));
        StringBuilderReporter r = new StringBuilderReporter();
        r.reporter.started(run, ReportFixture.USER);
        r.reporter.interval(interval(0, 1, new long[] {125_000_000}, null, true));
        r.reporter.interval(interval(1, 2, new long[] {125_000_000}, null, false));
        // 125 * 10^6 bytes = 119 MiB in 1 s = 1.00 Gbit/s
        assertEquals(List.of("[ ID] Interval           Transfer     Bitrate",
                "[  1]   0.00-1.00   sec   119 MBytes  1.00 Gbits/sec  (omitted)",
                "[  1]   1.00-2.00   sec   119 MBytes  1.00 Gbits/sec"), r.lines());
    }

    @Test
    void aFigureTheKernelDoesNotGiveIsBlankNotZero() {
        Run run = ReportFixture.send(b -> b.interval(Duration.ofSeconds(1)));
        StringBuilderReporter r = new StringBuilderReporter();
        r.reporter.started(run, ReportFixture.USER);
        TcpSample retransmitsOnly = new TcpSample(java.util.OptionalLong.of(7), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty());
        r.reporter.interval(interval(0, 1, new long[] {1_000_000}, new TcpSample[] {retransmitsOnly}, false));
        assertEquals("[  1]   0.00-1.00   sec   977 KBytes  8.00 Mbits/sec     7", r.lines().get(1));
    }

    @Test
    void bidirTagsEachDirectionsStreamsAndSumsAsIperf3AndAddsTheDirectionLines() {
        List<String> out = text(single(ReportFixture.loopbackBidir()));
        // one process meters each stream's sender: the connecting end on stream 1 (TX-C), the accepting on 2 (TX-S)
        assertEquals(List.of(
                "[ ID] Interval           Transfer     Bitrate",
                "[  1][TX-C]   0.00-0.10   sec  32.0 MBytes  2.68 Gbits/sec",
                "[SUM][TX-C]   0.00-0.10   sec  32.0 MBytes  2.68 Gbits/sec",
                "[  2][TX-S]   0.00-0.10   sec  16.0 MBytes  1.34 Gbits/sec",
                "[SUM][TX-S]   0.00-0.10   sec  16.0 MBytes  1.34 Gbits/sec",
                "kttcp4j loopback: peer 127.0.0.1 port 40000, kernel host, 2 streams (--bidir: stream 1 forward, the"
                        + " connecting end sends; stream 2 reverse), one process"),
                out.subList(0, 6));
        assertEndLine(out, "sender [1] 67108864 bytes in 0.100 s = 5.37 Gbit/s", "");
        assertEndLine(out, "sender [2] 67108864 bytes in 0.125 s = 4.29 Gbit/s", "");
        assertEndLine(out, "receiver [1] 67108864 bytes in 0.100 s = 5.37 Gbit/s", "");
        assertEndLine(out, "receiver [2] 67108864 bytes in 0.125 s = 4.29 Gbit/s", "");
        // each direction as the run judges it: what its receivers got, over its own time
        assertTrue(line(out, "forward   67108864 bytes in 0.100 s = 5.37 Gbit/s (671.1 MB/s), CPU user 0.01 s sys 0.24 s")
                .length() > 0);
        assertTrue(line(out, "reverse   67108864 bytes in 0.125 s = 4.29 Gbit/s (536.9 MB/s), CPU user 0.01 s sys 0.24 s")
                .length() > 0);
        // both roles' sums: 2 x 64 MiB over the longer 0.125 s; no CPU s/GB, since the process's CPU also moved the
        // receivers' bytes (issue 22 item 6: a figure a sum does not have is not printed)
        assertEquals("sender [SUM] 134217728 bytes in 0.125 s = 8.59 Gbit/s (1073.7 MB/s), CPU user 0.01 s sys 0.24 s"
                + " (200%)", line(out, "sender [SUM]"));
    }

    @Test
    void aLoopbackInTwoProcessesNamesTheReceiversProcessAndWhoseCpuEachLineIs() {
        List<String> out = text(single(ReportFixture.loopbackTwoProcesses()));
        assertEquals("kttcp4j loopback: peer 127.0.0.1 port 40000, kernel host, two processes (receiver PID 4242)",
                out.get(0));
        // each end's line has its own process's CPU: the sender's 0.5 - 0.2 s, the receiver's 0.2 s
        assertEndLine(out, "sender    1073741824 bytes in 0.500 s = 17.18 Gbit/s (2147.5 MB/s), CPU user 0.03 s sys 0.27 s", "");
        assertEndLine(out, "receiver  1073741824 bytes in 0.500 s = 17.18 Gbit/s (2147.5 MB/s), CPU user 0.02 s sys 0.18 s", "");
        assertEquals("(CPU figures are each end's own process's; the run's cover both processes)", out.get(out.size() - 1));
    }

    @Test
    void pinnedEndsSayWhereTheyWerePinnedAndRan() {
        RunResult r = pinnedLoopback();
        // the host did not say where the receiver ran: no "(ran on)" for it
        assertEquals("affinity: stream 1 sender CPU 0 (ran on 0), stream 1 receiver CPU 1", text(single(r)).get(3));
    }

    @Test
    void aSeriesPrintsOneLinePerRunThenItsStatistics() {
        List<String> out = text(ReportFixture.loopbackSeries());
        // the receiver's 64 MiB: in 0.1 s = 5.37 Gbit/s and 0.1 CPU s / 0.067 GB = 1.49 CPU s/GB; the third run,
        // 10 ms, is too short for CPU figures; the statistics as the summary row has them, three decimals
        assertEquals(List.of(
                "run 1/3: received 67108864 bytes in 0.100 s = 5.37 Gbit/s, 1.49 CPU s/GB (CPU of both ends)",
                "run 2/3: received 67108864 bytes in 0.080 s = 6.71 Gbit/s, 1.19 CPU s/GB (CPU of both ends)",
                "run 3/3: received 67108864 bytes in 0.010 s = 53.69 Gbit/s, CPU s/GB not measured (CPU of both ends)",
                "3 runs: Gbit/s min 5.000 median 6.500 max 8.250 stddev 1.625; CPU s/GB not measured"), out);
    }

    @Test
    void aSweepPrintsATableOfMediansWithTheSizesTheKernelSet() {
        List<String> out = text(ReportFixture.loopbackSweep());
        assertEquals(List.of(
                "run 1/2 sockbuf 65536: received 67108864 bytes in 0.100 s = 5.37 Gbit/s, 1.49 CPU s/GB (CPU of both ends)",
                "run 2/2 sockbuf 65536: received 67108864 bytes in 0.100 s = 5.37 Gbit/s, 1.49 CPU s/GB (CPU of both ends)",
                "run 1/2 sockbuf 131072: received 67108864 bytes in 0.100 s = 5.37 Gbit/s, 1.49 CPU s/GB (CPU of both ends)",
                "run 2/2 sockbuf 131072: received 67108864 bytes in 0.100 s = 5.37 Gbit/s, 1.49 CPU s/GB (CPU of both ends)",
                "     sockbuf   sndbuf set   rcvbuf set     Gbit/s   CPU s/GB  runs",
                "       65536       131072        65536      5.500      1.500     2",
                "      131072            -            -      6.000          -     2"), out);
    }

    @Test
    void aRunOfASeriesThatFailedOrWasStoppedIsTagged() {
        Run run = loopback(b -> b.bytes(64 * MIB).repeat(2));
        CpuTime cpu = cpu(0, 100_000);
        RunResult failed = result(run, 0, 1, List.of(
                end(Role.SENDER, 1, transfer(64 * MIB, 64 * MIB, 100 * MS, cpu, 1), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, transfer(64 * MIB, 32 * MIB, 100 * MS, cpu, 1), LOOPBACK_PEER)), List.of(), cpu,
                100 * MS);
        RunResult stopped = result(run, 0, 2, List.of(
                end(Role.SENDER, 1, transfer(64 * MIB, 16 * MIB, 100 * MS, cpu, 1), LOOPBACK_PEER, null, "SIGTERM", null,
                        null, null, null),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, 16 * MIB, 100 * MS, cpu, 1), LOOPBACK_PEER)), List.of(),
                cpu, 100 * MS);
        List<String> out = text(results(run, List.of(failed, stopped), List.of(), "SIGTERM", null));
        // 32 MiB in 0.1 s: 2.68 Gbit/s, 0.1 / 0.034 = 2.98 CPU s/GB
        assertEquals("run 1/2: received 33554432 bytes in 0.100 s = 2.68 Gbit/s, 2.98 CPU s/GB (CPU of both ends) [failed]",
                out.get(0));
        assertEquals("run 2/2: received 16777216 bytes in 0.100 s = 1.34 Gbit/s, 5.96 CPU s/GB (CPU of both ends)"
                + " [stopped by SIGTERM]", out.get(1));
        assertEquals(2, out.size(), "no statistics without a complete run: " + out);
    }

    /** A TextReporter over a buffer, for events told one by one. */
    private static final class StringBuilderReporter {
        final java.io.StringWriter buffer = new java.io.StringWriter();
        final TextReporter reporter = new TextReporter(new java.io.PrintWriter(buffer, true));

        List<String> lines() {
            return ReportFixture.lines(buffer.toString());
        }
    }

    @Test
    void anIntervalWithoutTcpInfoHasNoRetrColumn() {
        Interval in = interval(0, 1, 1_000_000, 3_000_000);
        Run run = ReportFixture.send(b -> b.parallel(2).interval(Duration.ofSeconds(1)));
        StringBuilderReporter r = new StringBuilderReporter();
        r.reporter.started(run, ReportFixture.USER);
        r.reporter.interval(in);
        assertEquals(List.of("[ ID] Interval           Transfer     Bitrate",
                "[  1]   0.00-1.00   sec   977 KBytes  8.00 Mbits/sec",
                "[  2]   0.00-1.00   sec  2.86 MBytes  24.0 Mbits/sec",
                "[SUM]   0.00-1.00   sec  3.81 MBytes  32.0 Mbits/sec"), r.lines());
    }
}
