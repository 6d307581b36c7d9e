package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/**
 * Which interface carried a run, and how close it came to that link's line (docs/nic.md): the veth's own speed
 * and MTU as `ip -d link` and sysfs give them, the line moving with the MTU as the formula says, and a tbf-shaped
 * 1 Gbit/s veth measured against --line-rate 1gbit:l2's 0.9564 Gbit/s.
 */
@Tag("netns")
class NicLineTest {
    /** recv in A, send from B, both with extra; both must exit 0; returns {receiver's, sender's} JSON. */
    static JsonNode[] run(NetnsLab lab, List<String> extra, String amount) {
        List<String> rx = new ArrayList<>(List.of("--port", "5301", "-4", "--json", "-q"));
        rx.addAll(extra);
        List<String> tx = new ArrayList<>(List.of(lab.addr("A"), "--port", "5301", amount.endsWith("s") ? "--time"
                : "--bytes", amount, "--json", "-q"));
        tx.addAll(extra);
        TwoHosts.Run r = TwoHosts.run(lab, "A", rx, "B", tx, 90).ok();
        return new JsonNode[] {r.rx(), r.tx()};
    }

    static String sysfs(NetnsLab lab, String side, String file) {
        NetnsLab.Result r = lab.run(side, "cat", "/sys/class/net/" + lab.get("DEV_" + side) + "/" + file);
        assertEquals(0, r.status(), r.toString());
        return r.out().trim();
    }

    static int ipLinkMtu(NetnsLab lab, String side) {
        NetnsLab.Result r = lab.run(side, "ip", "-d", "link", "show", "dev", lab.get("DEV_" + side));
        Matcher m = Pattern.compile(" mtu (\\d+) ").matcher(r.out());
        assertTrue(r.status() == 0 && m.find(), r.toString());
        assertTrue(r.out().contains("veth"), "ip -d link names the veth kind: " + r.out());
        return Integer.parseInt(m.group(1));
    }

    @Test
    @WithNetnsLab
    void eachEndNamesItsVethWithTheSpeedAndMtuTheKernelReports(NetnsLab lab) {
        JsonNode[] docs = run(lab, List.of(), "64m");
        for (int i = 0; i < 2; i++) {
            String side = i == 0 ? "A" : "B";
            JsonNode iface = docs[i].at("/start/interface/" + (i == 0 ? "receiver" : "sender"));
            assertEquals(lab.get("DEV_" + side), iface.path("name").asText(), docs[i].at("/start").toString());
            assertEquals("veth", iface.path("driver").asText(), "ethtool's GDRVINFO (veth has no sysfs device)");
            assertEquals(Long.parseLong(sysfs(lab, side, "speed")) * 1_000_000L, iface.path("speed_bits_per_second")
                    .asLong(), "sysfs speed is in Mbit/s: " + iface);
            assertEquals(ipLinkMtu(lab, side), iface.path("mtu").asInt(), iface.toString());
            assertEquals(Integer.parseInt(sysfs(lab, side, "mtu")), iface.path("mtu").asInt(), iface.toString());
            assertTrue(!iface.path("loopback").asBoolean() && iface.path("offloads_enabled").isArray(), iface.toString());
            JsonNode line = docs[i].at("/end/kttcp4j_run/line");
            assertEquals("interface", line.path("source").asText(), line.toString());
            assertEquals(iface.path("speed_bits_per_second").asLong(), line.path("speed_bits_per_second").asLong());
        }
    }

    /** The line of an end as docs/nic.md's formula gives it from the document's own speed, MTU, MSS and options. */
    static double formula(JsonNode line) {
        int headers = 20 + 20 + (line.path("timestamps").asBoolean() ? 12 : 0);
        int payload = line.path("mtu").asInt() - headers; // full-sized segments: the MSS is what the MTU leaves
        return line.path("speed_bits_per_second").asDouble() * payload / (payload + headers + 38);
    }

    @Test
    @WithNetnsLab
    void mtu9000OnTheVethPairMovesTheLineAsTheFormulaSays(NetnsLab lab) {
        JsonNode at1500 = run(lab, List.of(), "32m")[1].at("/end/kttcp4j_run/line");
        for (String side : List.of("A", "B")) {
            NetnsLab.Result r = lab.run(side, "ip", "link", "set", "dev", lab.get("DEV_" + side), "mtu", "9000");
            assertEquals(0, r.status(), r.toString());
        }
        JsonNode[] docs = run(lab, List.of(), "32m");
        JsonNode at9000 = docs[1].at("/end/kttcp4j_run/line");
        assertEquals(9000, docs[1].at("/start/interface/sender/mtu").asInt(), docs[1].at("/start").toString());
        assertEquals(1500, at1500.path("mtu").asInt());
        assertEquals(9000, at9000.path("mtu").asInt());
        for (JsonNode line : List.of(at1500, at9000)) {
            assertEquals(formula(line), line.path("bits_per_second").asDouble(), 1, line.toString());
            assertEquals(line.path("mtu").asInt() - 40 - (line.path("timestamps").asBoolean() ? 12 : 0),
                    line.path("payload").asInt(), "the MSS TCP_INFO gave is what the MTU leaves: " + line);
        }
        // 10 Gbit/s with timestamps: 9.415 Gbit/s at 1500, 9.900 at 9000 (docs/nic.md)
        assertTrue(at9000.path("bits_per_second").asDouble() > at1500.path("bits_per_second").asDouble());
    }

    @Test
    @WithNetnsLab({"--rate", "1gbit", "--burst", "1mb"})
    void onAShapedGigabitVethThePercentIsOfTheShapersLine(NetnsLab lab) {
        JsonNode rx = run(lab, List.of("--line-rate", "1gbit:l2"), "3s")[0];
        JsonNode line = rx.at("/end/kttcp4j_run/line");
        double measured = rx.at("/end/kttcp4j_run/bits_per_second").asDouble();
        assertEquals("--line-rate", line.path("source").asText(), line.toString());
        assertEquals("l2", line.path("framing").asText());
        assertTrue(line.path("timestamps").asBoolean(), "Linux negotiates timestamps by default: " + line);
        assertEquals(0.9564e9, line.path("bits_per_second").asDouble(), 0.0001e9, line.toString());
        double expect = 100 * measured / 0.9564e9;
        double got = line.path("percent").asDouble();
        assertTrue(Math.abs(got / expect - 1) <= 0.01, got + " % against " + expect + " %: " + line);
        // and what the receiver prints: "N % of the line (0.9564 Gbit/s at MTU 1500 ..."
        try (CliProcess r = lab.kttcp4j("A", "recv", "--port", "5302", "-4", "--line-rate", "1gbit:l2",
                "--expect-line", "150")) {
            r.awaitOutput("listening on", 30);
            try (CliProcess s = lab.kttcp4j("B", "send", lab.addr("A"), "--port", "5302", "--bytes", "32m", "-q")) {
                assertEquals(0, s.waitFor(60), s.stderr());
                assertEquals(3, r.waitFor(60), "no link carries 150 % of its line: exit 3: " + r.stderr() + r.stdout());
            }
            assertTrue(r.stdout().contains("% of the line (0.9564 Gbit/s at MTU 1500"), r.stdout());
            assertTrue(r.stderr().contains("expected at least 150 % of the line (0.9564 Gbit/s at MTU 1500)"),
                    r.stderr());
        }
    }
}
