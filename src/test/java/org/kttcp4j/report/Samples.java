package org.kttcp4j.report;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Outcome;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.run.Stats;
import org.kttcp4j.run.SummaryRow;
import org.kttcp4j.run.TcpSample;

/**
 * Results made in the test, field by field, covering what the JSON document can say: one and two processes,
 * several streams, --bidir, TCP_INFO with and without every field, -A, an end that failed and one stopped, CPU
 * not measured, a series with its statistics, a whole thing that ended by an error before any run.
 */
final class Samples {
    static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");

    private Samples() {}

    static InetSocketAddress at(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static TcpInfo info(long retr) {
        return new TcpInfo(OptionalLong.of(retr), OptionalLong.of(45), OptionalLong.of(10), OptionalLong.of(10),
                OptionalLong.of(65483), OptionalLong.of(12), OptionalLong.of(3));
    }

    static TcpSample sample(long retr, long cwnd) {
        return new TcpSample(OptionalLong.of(retr), OptionalLong.of(cwnd), OptionalLong.of(40 + retr),
                OptionalLong.of(7), OptionalLong.empty(), OptionalLong.empty());
    }

    static Transfer transfer(long requested, long bytes, long nanos, long userMicros, long sysMicros) {
        return new Transfer(requested, bytes, nanos, Transfer.Clock.WALL, new CpuTime(userMicros, sysMicros), 257);
    }

    /** A loopback run in one process, one stream, intervals with the sender's TCP_INFO, cubic. */
    static RunResult loopback() {
        Run run = Run.loopback().engine("splice").bytes(1L << 30).interval(Duration.ofMillis(250)).processes(1).build();
        SideResult tx = new SideResult(Role.SENDER, 1, "splice", "write(2), 1 MiB", transfer(1L << 30, 1L << 30,
                500_000_000L, 20_000, 480_000), 2626560, 131072, at("127.0.0.1", 5001), null, null, info(12), "cubic");
        SideResult rx = new SideResult(Role.RECEIVER, 1, "splice", "recv(MSG_TRUNC), 1 MiB", transfer(1L << 30,
                1L << 30, 501_000_000L, 20_000, 480_000), 2626560, 131072, at("127.0.0.1", 40000), null, null,
                info(0), "cubic");
        List<Interval> in = List.of(
                new Interval(0, 0.25, new long[] {500_000_000L}, new TcpSample[] {sample(2, 1_000_000)}, false),
                new Interval(0.25, 0.5, new long[] {573_741_824L}, new TcpSample[] {sample(10, 1_200_000)}, false));
        return new RunResult(run, 0, 1, STARTED, List.of(tx, rx), in, new CpuTime(20_000, 480_000), 501_000_000L);
    }

    /** A two-process loopback: the child's CPU added, its PID named. */
    static RunResult twoProcesses() {
        Run run = Run.loopback().engine("user").time(Duration.ofSeconds(2)).processes(2).build();
        SideResult tx = new SideResult(Role.SENDER, 1, "user", "write(2)", transfer(Transfer.OPEN, 4_000_000_000L,
                2_000_000_000L, 100_000, 900_000), 16384, 131072, at("127.0.0.1", 5001), null, null, null, null);
        SideResult rx = new SideResult(Role.RECEIVER, 1, "user", "read(2)", transfer(Transfer.OPEN, 4_000_000_000L,
                2_001_000_000L, 50_000, 600_000), 16384, 131072, at("127.0.0.1", 40001), null, null, null, null);
        return new RunResult(run, 65536, 1, STARTED, List.of(tx, rx), List.of(), new CpuTime(150_000, 1_500_000),
                2_001_000_000L, 4242, new CpuTime(50_000, 600_000));
    }

    /** send with two streams, -A, one stream's kernel without cwnd; the second stream partial. */
    static RunResult sendParallel() {
        Run run = Run.send("127.0.0.1").engine("user").bytes(8_000_000).parallel(2).interval(Duration.ofMillis(100))
                .affinity(List.of(0, 1)).build();
        SideResult s1 = new SideResult(Role.SENDER, 1, "user", "write(2)", transfer(4_000_000, 4_000_000, 30_000_000L,
                1000, 29_000), 16384, 131072, at("::1", 5001), null, null, info(1), "reno", 0, 0);
        SideResult s2 = new SideResult(Role.SENDER, 2, "user", "write(2)", transfer(4_000_000, 3_000_000, 30_000_000L,
                1000, 29_000), 16384, 131072, at("::1", 5001), "write: ECONNRESET", null,
                new TcpInfo(OptionalLong.of(4), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()), "reno", 1, null);
        TcpSample bare = new TcpSample(OptionalLong.of(0), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty());
        List<Interval> in = List.of(new Interval(0, 0.03, new long[] {4_000_000, 3_000_000},
                new TcpSample[] {sample(1, 64_000), bare}, true));
        return new RunResult(run, 0, 1, STARTED, List.of(s1, s2), in, new CpuTime(2000, 58_000), 30_000_000L);
    }

    /** recv with --bidir: it receives on stream 1 and sends on stream 2; stopped by SIGINT. Too short for CPU. */
    static RunResult recvBidir() {
        Run run = Run.receive().engine("nio").bidir(true).interval(Duration.ofMillis(10)).build();
        SideResult r1 = new SideResult(Role.RECEIVER, 1, "nio", "SocketChannel", transfer(Transfer.OPEN, 1000,
                5_000_000L, 0, 1000), 16384, 131072, at("127.0.0.1", 40002), null, "SIGINT", null, null);
        SideResult s2 = new SideResult(Role.SENDER, 2, "nio", "SocketChannel", transfer(Transfer.OPEN, 2000,
                5_000_000L, 0, 1000), 16384, 131072, at("127.0.0.1", 40003), null, "SIGINT", null, null);
        List<Interval> in = List.of(new Interval(0, 0.005, new long[] {1000, 2000}, null, false, 1));
        return new RunResult(run, 0, 1, STARTED, List.of(r1, s2), in, new CpuTime(0, 1000), 5_000_000L);
    }

    /** A series of two runs at two socket buffers, stopped by SIGTERM; one size without a CPU figure. */
    static Results series() {
        Run run = Run.loopback().engine("user").bytes(1L << 30).sockbufs(List.of(65536, 1 << 20)).repeat(1)
                .processes(1).build();
        RunResult a = at(run, 65536, 1);
        RunResult b = at(run, 1 << 20, 1);
        List<SummaryRow> summary = List.of(
                new SummaryRow(65536, 131072, 131072, 1, new Stats(1, 17.1, 17.1, 17.1, 0), new Stats(1, 0.47, 0.47,
                        0.47, 0)),
                new SummaryRow(1 << 20, null, 2097152, 1, new Stats(1, 18.2, 18.2, 18.2, 0), null));
        return new Results(run, List.of(a, b), summary, new Outcome.Stopped(Outcome.Stop.SIGTERM, "SIGTERM"));
    }

    private static RunResult at(Run run, int sockbuf, int index) {
        SideResult tx = new SideResult(Role.SENDER, 1, "user", "write(2)", transfer(1L << 30, 1L << 30, 500_000_000L,
                20_000, 480_000), sockbuf * 2, 131072, at("127.0.0.1", 5001), null, null);
        SideResult rx = new SideResult(Role.RECEIVER, 1, "user", "read(2)", transfer(1L << 30, 1L << 30,
                501_000_000L, 20_000, 480_000), 16384, sockbuf * 2, at("127.0.0.1", 40000), null, null);
        return new RunResult(run, sockbuf, index, STARTED, List.of(tx, rx), List.of(), new CpuTime(20_000, 480_000),
                501_000_000L);
    }

    /** Nothing ran: the connection was refused. */
    static Results refused() {
        Run run = Run.send("127.0.0.1").build();
        return new Results(run, List.of(), List.of(), new Outcome.Failed(Outcome.Failure.ENDED, "connect to 127.0.0.1 port 5001: ECONNREFUSED"));
    }

    static Map<String, RunResult> runs() {
        Map<String, RunResult> m = new LinkedHashMap<>();
        m.put("loopback", loopback());
        m.put("two-processes", twoProcesses());
        m.put("send-parallel", sendParallel());
        m.put("recv-bidir", recvBidir());
        return m;
    }
}
