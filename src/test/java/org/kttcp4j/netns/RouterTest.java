package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #11's bottleneck that drops: A -- R -- B, the router's egress shaped by tbf rate 1gbit burst 32kb limit
 * 64kb (ci/netns.sh up --router). What later work (retransmits, cwnd, congestion control) relies on.
 */
@Tag("netns")
@WithNetnsLab("--router")
class RouterTest {
    final NetnsLab lab;

    RouterTest(NetnsLab lab) {
        this.lab = lab;
    }

    @Test
    void theRouterForwardsAndItsShaperIsTheBottleneckThatDrops() {
        assertEquals("1", lab.run("R", "cat", "/proc/sys/net/ipv4/ip_forward").out().trim(), "R forwards");
        assertTrue(!lab.addr("A").regionMatches(0, lab.addr("B"), 0, 9), "A and B are on two subnets: "
                + lab.addr("A") + " " + lab.addr("B"));
        TwoHosts.Run run = TwoHosts.run(lab, "A", List.of("--engine", "user", "-4", "--port", "5301", "--json", "-q"),
                "B", List.of(lab.addr("A"), "--engine", "splice", "--port", "5301", "--time", "2s", "--json", "-q"), 60).ok();
        JsonNode got = run.rx().at("/end/sum_received");
        long bytes = got.at("/bytes").asLong();
        assertTrue(bytes > 0, run.rxOut());
        assertEquals(lab.addr("B"), run.rx().at("/start/connected/0/remote_host").asText(), "no NAT: A sees B's address");
        // at most the goodput of a 1 Gbit/s link (1448/1514, see ShapedLinkTest), with 1 % for the clock
        double ceiling = 1e9 * 1448 / 1514 * 1.01;
        assertTrue(got.at("/bits_per_second").asDouble() <= ceiling, "faster than the bottleneck: " + got);
        NetnsLab.Result q = lab.run("R", "tc", "-s", "qdisc", "show", "dev", "k4j-ra");
        Matcher m = Pattern.compile("tbf .*rate 1Gbit[\\s\\S]*Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+)").matcher(q.out());
        assertTrue(m.find(), q.toString());
        assertTrue(Long.parseLong(m.group(1)) >= bytes, "the bytes went through R's shaper: " + q.out());
        assertTrue(Long.parseLong(m.group(3)) > 0, "the bottleneck drops: " + q.out());
    }
}
