package org.kttcp4j.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Outcome;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.run.TcpSample;
import org.kttcp4j.formats.TextReporter;

/**
 * The values the reporters' tests print, made by hand: every constructor of a run/ type the tests use is here,
 * so that a change of those types is mended in this one class. The numbers are chosen so that what a user reads
 * can be worked out on paper (1 GiB in 0.5 s is 17179869184 bit/s).
 */
public final class ReportFixture {
    private ReportFixture() {}

    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long MS = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;
    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");
    public static final InetSocketAddress LOOPBACK_PEER = peer(new byte[] {127, 0, 0, 1}, 40000);
    /** The receiver's address of a send run, and the sender's of a recv run (ci/netns.sh's addresses). */
    public static final InetSocketAddress REMOTE = peer(new byte[] {(byte) 198, 18, 0, 1}, 5201);
    public static final int SNDBUF = 2626560;
    public static final int RCVBUF = 131072;
    public static final String USER = "user: write(2)/read(2), 128 KiB buffer";

    public static InetSocketAddress peer(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // --- what was asked (run.Run, built as a Java caller builds it) ---

    public static Run loopback(UnaryOperator<Run.Builder> more) {
        return more.apply(Run.loopback().engine("user")).build();
    }

    public static Run send(UnaryOperator<Run.Builder> more) {
        return more.apply(Run.send("198.18.0.1").engine("user")).build();
    }

    public static Run receive(UnaryOperator<Run.Builder> more) {
        return more.apply(Run.receive().engine("user")).build();
    }

    // --- what was measured ---

    public static CpuTime cpu(long userMicros, long sysMicros) {
        return new CpuTime(userMicros, sysMicros);
    }

    /** A transfer timed by the wall clock; requested Transfer.OPEN for one that takes what comes. */
    public static Transfer transfer(long requested, long bytes, long nanos, CpuTime cpu, long calls) {
        return new Transfer(requested, bytes, nanos, Transfer.Clock.WALL, cpu, calls);
    }

    /** A transfer timed by the kernel (kttcp's kio_elapsed). */
    public static Transfer kernelTransfer(long requested, long bytes, long nanos, CpuTime cpu, long calls) {
        return new Transfer(requested, bytes, nanos, Transfer.Clock.KERNEL, cpu, calls);
    }

    /** One end of one stream that ended as planned: the user engine, the fixture's buffers and peer. */
    public static SideResult end(Role role, int stream, Transfer t, InetSocketAddress peer) {
        return end(role, stream, t, peer, null, null, null, null, null, null);
    }

    /** One end with everything a SideResult carries. */
    public static SideResult end(Role role, int stream, Transfer t, InetSocketAddress peer, String error, String stopped,
            TcpInfo tcp, String congestion, Integer pinnedCpu, Integer ranOnCpu) {
        return new SideResult(role, stream, "user", USER, t, SNDBUF, RCVBUF, peer, error, stopped, tcp, congestion,
                pinnedCpu, ranOnCpu);
    }

    /** A sender's TCP_INFO at the end: cumulative retransmits, cwnd as segments and MSS, RTT and its variation. */
    public static TcpInfo senderTcp(long retransmits, long cwndSegments, long mss, long rtt, long rttvar) {
        OptionalLong none = OptionalLong.empty();
        return new TcpInfo(OptionalLong.of(retransmits), OptionalLong.of(rtt), OptionalLong.of(rttvar),
                OptionalLong.of(cwndSegments), OptionalLong.of(mss), none, none);
    }

    /** A receiver's TCP_INFO at the end: its RTT estimate and the out-of-order segments. */
    public static TcpInfo receiverTcp(long rcvRtt, long outOfOrder) {
        OptionalLong none = OptionalLong.empty();
        return new TcpInfo(none, none, none, none, none, OptionalLong.of(rcvRtt), OptionalLong.of(outOfOrder));
    }

    /** A sending end's interval sample: retransmits in the interval, cwnd in bytes, RTT and variation. */
    public static TcpSample sample(long retransmits, long cwndBytes, long rtt, long rttvar) {
        return new TcpSample(OptionalLong.of(retransmits), OptionalLong.of(cwndBytes), OptionalLong.of(rtt),
                OptionalLong.of(rttvar));
    }

    /** A receiving end's interval sample: its RTT estimate, out-of-order segments in the interval. */
    public static TcpSample receiverSample(long rcvRtt, long outOfOrder) {
        OptionalLong none = OptionalLong.empty();
        return new TcpSample(none, none, none, none, OptionalLong.of(rcvRtt), OptionalLong.of(outOfOrder));
    }

    public static Interval interval(double start, double end, long... streamBytes) {
        return new Interval(start, end, streamBytes);
    }

    public static Interval interval(double start, double end, long[] streamBytes, TcpSample[] tcp, boolean omitted) {
        return new Interval(start, end, streamBytes, tcp, omitted);
    }

    /** --bidir: streams from reverseFrom (0-based) carry the reverse direction. */
    public static Interval bidirInterval(double start, double end, int reverseFrom, long... streamBytes) {
        return new Interval(start, end, streamBytes, null, false, reverseFrom);
    }

    /** One run of run (index 1), in this process only. */
    public static RunResult result(Run run, List<SideResult> sides, List<Interval> intervals, CpuTime cpu, long wallNanos) {
        return result(run, run.sockbufs().get(0), 1, sides, intervals, cpu, wallNanos);
    }

    public static RunResult result(Run run, int sockbuf, int index, List<SideResult> sides, List<Interval> intervals,
            CpuTime cpu, long wallNanos) {
        return new RunResult(run, sockbuf, index, STARTED, sides, intervals, cpu, wallNanos);
    }

    /** A loopback run in two processes: the accepting end's process (peerPid) used peerCpu, part of cpu. */
    public static RunResult twoProcesses(Run run, List<SideResult> sides, List<Interval> intervals, CpuTime cpu,
            long wallNanos, long peerPid, CpuTime peerCpu) {
        return new RunResult(run, run.sockbufs().get(0), 1, STARTED, sides, intervals, cpu, wallNanos, peerPid, peerCpu);
    }

    public static Results results(Run run, List<RunResult> runs, List<SummaryRow> summary, String stoppedBy, String error) {
        Outcome outcome = stoppedBy != null
                ? new Outcome.Stopped(stoppedBy.startsWith("SIGTERM") ? Outcome.Stop.SIGTERM
                        : stoppedBy.startsWith("SIGINT") ? Outcome.Stop.SIGINT : Outcome.Stop.CAP, stoppedBy)
                : error != null ? new Outcome.Failed(Outcome.Failure.ENDED, error) : Outcome.COMPLETED;
        return new Results(run, runs, summary, outcome);
    }

    public static Stats stats(int n, double min, double median, double max, double stddev) {
        return new Stats(n, min, median, max, stddev);
    }

    public static SummaryRow summaryRow(int sockbuf, Integer sndbuf, Integer rcvbuf, int runs, Stats gbits, Stats cpuPerGB) {
        return new SummaryRow(sockbuf, sndbuf, rcvbuf, runs, gbits, cpuPerGB);
    }

    // --- the runs the tests print (each reporter's test prints the same ones) ---

    /**
     * loopback --bytes 1g --interval 250ms: 1 GiB in 0.5 s each way (17179869184 bit/s), two intervals of half
     * each, the process's CPU user 0.02 s sys 0.48 s over a wall time of 0.5 s (100 %).
     */
    public static RunResult loopbackOneStream() {
        Run run = loopback(b -> b.bytes(GIB).interval(Duration.ofMillis(250)));
        CpuTime cpu = cpu(20_000, 480_000);
        return result(run, List.of(end(Role.SENDER, 1, transfer(GIB, GIB, 500 * MS, cpu, 8192), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, GIB, 500 * MS, cpu, 9000), LOOPBACK_PEER)),
                List.of(interval(0, 0.25, GIB / 2), interval(0.25, 0.5, GIB / 2)), cpu, 500 * MS);
    }

    /**
     * send -P 2 --time 1s --interval 500ms to 198.18.0.1 with TCP_INFO: stream 1 moves 600 MB in 1 s, stream 2
     * 400 MB in 0.998 s (the sum's time is the longer one); retransmits 3 + 2 and 1 + 0 over the intervals, 5
     * and 1 at the end; cwnd 100 and 50 segments of 1448 bytes; congestion cubic. CPU 0.1 + 0.9 s over 1 s.
     */
    public static RunResult sendTwoStreamsWithTcpInfo() {
        Run run = send(b -> b.time(Duration.ofSeconds(1)).parallel(2).interval(Duration.ofMillis(500)));
        CpuTime cpu = cpu(100_000, 900_000);
        SideResult s1 = end(Role.SENDER, 1, transfer(Transfer.OPEN, 600_000_000, SECOND, cpu, 4578), REMOTE, null,
                null, senderTcp(5, 100, 1448, 45, 10), "cubic", null, null);
        SideResult s2 = end(Role.SENDER, 2, transfer(Transfer.OPEN, 400_000_000, 998 * MS, cpu, 3052), REMOTE, null,
                null, senderTcp(1, 50, 1448, 60, 12), "cubic", null, null);
        long[] half = {300_000_000, 200_000_000};
        return result(run, List.of(s1, s2), List.of(
                interval(0, 0.5, half, new TcpSample[] {sample(3, 144_800, 40, 9), sample(1, 72_400, 50, 11)}, false),
                interval(0.5, 1.0, half, new TcpSample[] {sample(2, 144_800, 50, 10), sample(0, 72_400, 70, 13)}, false)),
                cpu, SECOND);
    }

    public static final InetSocketAddress SENDING_PEER = peer(new byte[] {(byte) 198, 18, 0, 2}, 50000);
    public static final String RESET = "recv: ECONNRESET (Connection reset by peer): the sender's host reset the connection";

    /** recv --bytes 16m that got 4 MiB in 0.1 s before the peer reset the connection. */
    public static RunResult receivePartialWithError() {
        Run run = receive(b -> b.bytes(16 * MIB));
        CpuTime cpu = cpu(1_000, 9_000);
        return result(run, List.of(end(Role.RECEIVER, 1, transfer(16 * MIB, 4 * MIB, 100 * MS, cpu, 64), SENDING_PEER,
                RESET, null, receiverTcp(120, 3), null, null, null)), List.of(), cpu, 100 * MS);
    }

    /** send --time 10s stopped by SIGINT after 500 MB in 0.5 s. */
    public static Results sendStoppedBySigint() {
        Run run = send(b -> b.time(Duration.ofSeconds(10)));
        CpuTime cpu = cpu(50_000, 200_000);
        RunResult r = result(run, List.of(end(Role.SENDER, 1, transfer(Transfer.OPEN, 500_000_000, 500 * MS, cpu, 3815),
                REMOTE, null, "SIGINT", null, null, null, null)), List.of(), cpu, 500 * MS);
        return results(run, List.of(r), List.of(), "SIGINT", null);
    }

    /**
     * loopback --bytes 64m --repeat 3: 64 MiB in 100 ms (CPU 0.1 s), 80 ms (0.08 s), and 10 ms, too short for
     * the CPU figures; the summary row's statistics as the run layer would give them (hand-picked here: the
     * reporters only print them).
     */
    public static Results loopbackSeries() {
        Run run = loopback(b -> b.bytes(64 * MIB).repeat(3));
        List<RunResult> runs = new ArrayList<>();
        long[][] nanosAndCpu = {{100 * MS, 100_000}, {80 * MS, 80_000}, {10 * MS, 10_000}};
        for (int i = 0; i < 3; i++) {
            CpuTime cpu = cpu(0, nanosAndCpu[i][1]);
            long nanos = nanosAndCpu[i][0];
            runs.add(result(run, 0, i + 1, List.of(
                    end(Role.SENDER, 1, transfer(64 * MIB, 64 * MIB, nanos, cpu, 512), LOOPBACK_PEER),
                    end(Role.RECEIVER, 1, transfer(Transfer.OPEN, 64 * MIB, nanos, cpu, 600), LOOPBACK_PEER)),
                    List.of(), cpu, nanos));
        }
        return results(run, runs, List.of(summaryRow(0, SNDBUF, RCVBUF, 3, stats(3, 5.0, 6.5, 8.25, 1.625), null)),
                null, null);
    }

    /**
     * loopback --sockbuf 65536,131072 --repeat 2: a sweep; every run 64 MiB in 100 ms; the first size's summary
     * with both statistics, the second's without CPU and without the sizes the kernel set.
     */
    public static Results loopbackSweep() {
        Run run = loopback(b -> b.bytes(64 * MIB).sockbufs(List.of(65536, 131072)).repeat(2));
        List<RunResult> runs = new ArrayList<>();
        for (int size : List.of(65536, 131072)) {
            for (int i = 1; i <= 2; i++) {
                CpuTime cpu = cpu(0, 100_000);
                runs.add(result(run, size, i, List.of(
                        end(Role.SENDER, 1, transfer(64 * MIB, 64 * MIB, 100 * MS, cpu, 512), LOOPBACK_PEER),
                        end(Role.RECEIVER, 1, transfer(Transfer.OPEN, 64 * MIB, 100 * MS, cpu, 600), LOOPBACK_PEER)),
                        List.of(), cpu, 100 * MS));
            }
        }
        return results(run, runs, List.of(
                summaryRow(65536, 131072, 65536, 2, stats(2, 5.25, 5.5, 5.75, 0.353553), stats(2, 1.25, 1.5, 1.75, 0.25)),
                summaryRow(131072, null, null, 2, stats(2, 6.0, 6.0, 6.0, 0), null)), null, null);
    }

    /**
     * loopback --bidir --bytes 64m --interval 100ms: stream 1 forward (64 MiB in 0.1 s), stream 2 reverse (64
     * MiB in 0.125 s); one interval of 32 MiB forward and 16 MiB reverse.
     */
    public static RunResult loopbackBidir() {
        Run run = loopback(b -> b.bidir(true).bytes(64 * MIB).interval(Duration.ofMillis(100)));
        CpuTime cpu = cpu(10_000, 240_000);
        return result(run, List.of(
                end(Role.SENDER, 1, transfer(64 * MIB, 64 * MIB, 100 * MS, cpu, 512), LOOPBACK_PEER),
                end(Role.SENDER, 2, transfer(64 * MIB, 64 * MIB, 125 * MS, cpu, 512), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, 64 * MIB, 100 * MS, cpu, 700), LOOPBACK_PEER),
                end(Role.RECEIVER, 2, transfer(Transfer.OPEN, 64 * MIB, 125 * MS, cpu, 700), LOOPBACK_PEER)),
                List.of(bidirInterval(0, 0.1, 1, 32 * MIB, 16 * MIB)), cpu, 125 * MS);
    }

    /** loopback with processes(2): the receiving end ran in process 4242, which used 0.2 s of the run's 0.5 s CPU. */
    public static RunResult loopbackTwoProcesses() {
        Run run = loopback(b -> b.processes(2).bytes(GIB));
        CpuTime cpu = cpu(50_000, 450_000);
        CpuTime child = cpu(20_000, 180_000);
        CpuTime parent = cpu.minus(child);
        return twoProcesses(run, List.of(
                end(Role.SENDER, 1, transfer(GIB, GIB, 500 * MS, parent, 8192), LOOPBACK_PEER),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, GIB, 500 * MS, child, 9000), LOOPBACK_PEER)),
                List.of(), cpu, 500 * MS, 4242, child);
    }

    // --- the events, in the order Run.execute tells them ---

    /**
     * Tells listener what Run.execute would for these results: started, then per run runStarted, its intervals
     * and runEnded, then the summary of a series, then finished.
     */
    public static void play(RunListener listener, Results results) {
        Run run = results.run();
        listener.started(run, USER);
        for (RunResult r : results.runs()) {
            listener.runStarted(run, r.sockbuf(), r.index());
            for (Interval in : r.intervals()) {
                listener.interval(in);
            }
            listener.runEnded(r);
        }
        if (run.series()) {
            listener.summary(results.summary());
        }
        listener.finished(results);
    }

    /** One run played alone: its Results have nothing else. */
    public static Results single(RunResult r) {
        return results(r.run(), List.of(r), List.of(), null, null);
    }

    /** What the text reporter prints for these results, as lines. */
    public static List<String> text(Results results) {
        StringWriter w = new StringWriter();
        play(new TextReporter(new PrintWriter(w, true)), results);
        return lines(w.toString());
    }

    public static List<String> lines(String s) {
        return s.lines().toList();
    }

    /** A 1 GiB loopback whose sender was pinned to CPU 0 (and ran there) and receiver to CPU 1 (not said where it ran). */
    public static RunResult pinnedLoopback() {
        Run run = loopback(b -> b.bytes(GIB));
        CpuTime cpu = cpu(0, 500_000);
        return result(run, List.of(
                end(Role.SENDER, 1, transfer(GIB, GIB, 500 * MS, cpu, 1), LOOPBACK_PEER, null, null, null, null, 0, 0),
                end(Role.RECEIVER, 1, transfer(Transfer.OPEN, GIB, 500 * MS, cpu, 1), LOOPBACK_PEER, null, null, null,
                        null, 1, null)), List.of(), cpu, 500 * MS);
    }
}
