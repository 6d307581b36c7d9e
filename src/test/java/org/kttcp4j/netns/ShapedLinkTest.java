package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * Is kttcp4j accurate to the link? A veth shaped by tbf to 1 Gbit/s (ci/netns.sh up --rate 1gbit) carries TCP
 * payload at a rate the test computes from the rate and the frame sizes; each engine's receiver figure must be
 * within 1 % of it, and of iperf3's on the same link.
 */
@Tag("netns")
@WithNetnsLab({"--rate", ShapedLinkTest.RATE, "--burst", ShapedLinkTest.BURST})
class ShapedLinkTest {
    static final String RATE = "1gbit";
    /**
     * tbf's bucket: big enough that the shaper's timer, firing late on a busy machine (the other core busy, a
     * starved vCPU), still sends what the late tick owes: at 1 Gbit/s 1 MiB is 8.4 ms of lateness absorbed, where
     * the lab's default 256 KiB absorbs 2.1 ms and the link then carried 2-4 % under its rate at a load of 9 on 2
     * cores, iperf3 alike. The bucket starts full; its extra megabyte goes out in the first second, which every
     * run leaves out (OMIT).
     */
    static final String BURST = "1mb";
    static final double RATE_BITS = 1e9;   // tc(8): "gbit" is 10^9 bits per second
    /** The measured seconds of each run, after OMIT. */
    static final int SECONDS = 2;
    /**
     * The warm-up each tool leaves out (kttcp4j -O, iperf3 -O, both ends alike): the full bucket's burst (which
     * read 0.44 % over the link's rate in 3 s with it counted) and slow start, so that each figure is the shaped
     * link's steady rate. Without it a clean-clone run read splice at +0.44 % and iperf3 at -0.59 %: each within
     * 1 % of the goodput, 1.02 % apart.
     */
    static final int OMIT = 1;
    /** The figures measured on this class's lab, each once (the tests compare them). */
    static final Map<String, Double> measured = new HashMap<>();
    final NetnsLab lab;

    ShapedLinkTest(NetnsLab lab) {
        this.lab = lab;
    }

    /**
     * TCP goodput through tbf: tbf charges each frame from its Ethernet header (14 bytes) to the end of the IP
     * packet (MTU bytes), no FCS, preamble or gap (qdisc_pkt_len; for GSO packets, per segment: net/core/dev.c
     * qdisc_pkt_len_init); each carries MTU - 20 (IPv4) - 20 (TCP) - 12 (the timestamps option, when
     * net.ipv4.tcp_timestamps is on: linux/tcp.h TCPOLEN_TSTAMP_ALIGNED) payload bytes. MTU 1500: 1448/1514.
     */
    double goodput() {
        assertEquals("1Gbit", lab.get("RATE"), "tc reports the rate set");
        int mtu = Integer.parseInt(lab.get("MTU"));
        NetnsLab.Result ts = lab.run("B", "cat", "/proc/sys/net/ipv4/tcp_timestamps");
        assertEquals(0, ts.status(), ts.toString());
        int options = ts.out().trim().equals("0") ? 0 : 12;
        return RATE_BITS * (mtu - 20 - 20 - options) / (mtu + 14);
    }

    /**
     * The best of at most three measurements, stopping at the first within half a percent of the goodput. A tool
     * starved of CPU on a busy machine (CI shares its cores) can only read low, never above the link's ceiling
     * (the burst being omitted), so the highest reading is the one that says what the tool measures when the link
     * is the bottleneck; half the 1 % the tests allow, so that two tools' figures also lie within 1 % of each other.
     */
    double best(String tool, java.util.function.DoubleSupplier measure) {
        double expect = goodput();
        double best = 0;
        for (int i = 0; i < 3; i++) {
            double got = measure.getAsDouble();
            System.out.printf("%s: %.4f Gbit/s, the link's goodput %.4f (%+.2f %%)%n", tool, got / 1e9, expect / 1e9,
                    (got / expect - 1) * 100);
            best = Math.max(best, got);
            if (Math.abs(best / expect - 1) <= 0.005) {
                break;
            }
        }
        return best;
    }

    /** The receiver's Gbit/s of a --time run of engine (both ends) from B to A. */
    double engineFigure(String engine) {
        synchronized (measured) {
            return measured.computeIfAbsent(engine, e -> best(e, () -> {
                TwoHosts.Run run = TwoHosts.run(lab, "A",
                        List.of("--engine", e, "-4", "--port", "5201", "-O", OMIT + "s", "--json", "-q"), "B",
                        List.of(lab.addr("A"), "--engine", e, "--port", "5201", "--time", SECONDS + "s",
                                "-O", OMIT + "s", "--json", "-q"),
                        SECONDS + OMIT + 60).ok();
                return run.rx().at("/end/sum_received/bits_per_second").asDouble();
            }));
        }
    }

    /** iperf3 -s / iperf3 -c as two processes in the two namespaces: the receiver's figure. */
    double iperf3Figure() {
        assumeTrue(CliProcess.which("iperf3") != null, "iperf3 is not installed: apt-get install iperf3");
        synchronized (measured) {
            return measured.computeIfAbsent("iperf3", e -> best(e, () -> {
                try (CliProcess server = lab.spawn("A", "iperf3", "-s", "-1", "--forceflush", "-B", lab.addr("A"),
                        "-p", "5202")) {
                    server.awaitOutput("listening", 30);
                    try (CliProcess client = lab.spawn("B", "iperf3", "-c", lab.addr("A"), "-p", "5202", "-t",
                            Integer.toString(SECONDS), "-O", Integer.toString(OMIT), "-J")) {
                        assertEquals(0, client.waitFor(SECONDS + OMIT + 60), client.stderr() + client.stdout());
                        return Json.parse(client.stdout()).at("/end/sum_received/bits_per_second").asDouble();
                    }
                }
            }));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"splice", "user", "nio"})
    void eachEngineMeasuresTheGoodputOfTheLinkWithinOnePercent(String engine) {
        double expect = goodput();
        double got = engineFigure(engine);
        assertTrue(Math.abs(got / expect - 1) <= 0.01, String.format(
                "%s: %.4f Gbit/s, the link's TCP goodput is %.4f Gbit/s (%+.2f %%)", engine, got / 1e9, expect / 1e9,
                (got / expect - 1) * 100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"splice", "user", "nio"})
    void eachEngineAgreesWithIperf3WithinOnePercent(String engine) {
        double iperf3 = iperf3Figure();
        double got = engineFigure(engine);
        assertTrue(Math.abs(got / iperf3 - 1) <= 0.01, String.format(
                "%s: %.4f Gbit/s, iperf3 on the same link %.4f Gbit/s (%+.2f %%)", engine, got / 1e9, iperf3 / 1e9,
                (got / iperf3 - 1) * 100));
    }

    @Test
    void iperf3ItselfMeasuresTheComputedGoodput() {
        double iperf3 = iperf3Figure();
        double expect = goodput();
        assertTrue(Math.abs(iperf3 / expect - 1) <= 0.01, String.format(
                "iperf3 %.4f Gbit/s, computed %.4f Gbit/s", iperf3 / 1e9, expect / 1e9));
    }

    /**
     * The premise of the computation: the shaper counts 1514 bytes per full-sized frame. After the runs, the
     * sender side's tbf has sent almost only full frames, so its bytes per packet are within 1 % of MTU + 14.
     */
    @Test
    void theShaperCountsFramesAsTheComputationSays() {
        engineFigure("splice");
        NetnsLab.Result q = lab.run("B", "tc", "-s", "qdisc", "show", "dev", lab.get("DEV_B"));
        Matcher m = Pattern.compile("Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+)").matcher(q.out());
        assertTrue(m.find(), q.toString());
        double perPacket = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        int frame = Integer.parseInt(lab.get("MTU")) + 14;
        assertTrue(Math.abs(perPacket / frame - 1) <= 0.01, "tbf counted " + perPacket + " bytes per packet: " + q.out());
        assertEquals("0", m.group(3), "the sender's own shaper pushes back and drops nothing: " + q.out());
    }
}
