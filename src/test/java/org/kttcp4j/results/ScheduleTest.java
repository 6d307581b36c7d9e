package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/** The circle schedule's promises, for every plan size a lab has, and `kttcp4j plan` as a user runs it. */
class ScheduleTest {
    static List<String> hosts(int n) {
        List<String> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            h.add("h" + i);
        }
        return h;
    }

    @Test
    void everyOrderedPairOnceInTwoNMinusOneRoundsWithNoHostTwiceInARound() {
        for (int n = 2; n <= 17; n++) {
            Schedule s = Schedule.allPairs(hosts(n));
            int even = n + n % 2;
            assertEquals(2 * (even - 1), s.rounds().size(), n + " hosts");
            Set<Schedule.Pair> seen = new HashSet<>();
            for (Schedule.Round r : s.rounds()) {
                Set<String> busy = new HashSet<>();
                for (Schedule.Pair p : r.pairs()) {
                    assertTrue(busy.add(p.sender()) && busy.add(p.receiver()), n + " hosts, round " + r.number() + ": " + r);
                    assertTrue(seen.add(p), "the pair " + p + " runs twice");
                }
                assertEquals(n / 2, r.pairs().size(), n + " hosts, round " + r.number());
                assertEquals(n % 2, r.rest().size(), "an odd plan rests one host a round: " + r);
                assertEquals(n, busy.size() + r.rest().size());
            }
            assertEquals(n * (n - 1), seen.size(), "every ordered pair of " + n + " hosts");
        }
    }

    @Test
    void chosenPairsNeverNeedMoreRoundsThanTheWholePlanAndShareNoHostInARound() {
        List<String> h = hosts(6);
        List<Schedule.Pair> chosen = new ArrayList<>();
        for (String s : h) {
            chosen.add(new Schedule.Pair(s, "h0".equals(s) ? "h1" : "h0")); // everyone sends to h0 (h0 to h1)
        }
        Schedule s = Schedule.of(h, chosen);
        assertEquals(Set.copyOf(chosen), Set.copyOf(s.pairs()));
        // h0 is in every pair: one pair a round, however many rounds that takes
        assertEquals(6, s.rounds().size());
        s.rounds().forEach(r -> assertEquals(1, r.pairs().size(), r.toString()));
        Schedule two = Schedule.of(h, List.of(Schedule.parsePair("h0:h1"), Schedule.parsePair("h2:h3")));
        assertEquals(1, two.rounds().size(), "disjoint pairs share a round: " + two.rounds());
    }

    @Test
    void theJsonReadsBackAsTheSamePlan() {
        Schedule s = Schedule.allPairs(hosts(5));
        Schedule back = Schedule.fromJson("plan.json", s.json());
        assertEquals(s.rounds(), back.rounds());
        assertEquals(s.hosts(), back.hosts());
        assertThrows(ResultException.class, () -> Schedule.fromJson("x.json", Json.parse("{\"runs\": []}")));
    }

    @Test
    void badPlansAreRefusedWithTheFix() {
        assertTrue(assertThrows(ResultException.class, () -> Schedule.allPairs(List.of("a"))).getMessage().contains("two hosts or more"));
        assertTrue(assertThrows(ResultException.class, () -> Schedule.allPairs(List.of("a", "b", "a"))).getMessage().contains("given twice"));
        assertTrue(assertThrows(ResultException.class, () -> Schedule.parsePair("a")).getMessage().contains("SENDER:RECEIVER"));
        assertTrue(assertThrows(ResultException.class, () -> Schedule.parsePair("a:a")).getMessage().contains("itself"));
        assertTrue(assertThrows(ResultException.class, () -> Schedule.of(List.of("a", "b"), List.of(Schedule.parsePair("a:c"))))
                .getMessage().contains("not one of the hosts"));
    }

    @Test
    void thePlanCommandPrintsTheRoundsAndRefusesABadListWithExitOne() {
        try (CliProcess c = CliProcess.kttcp4j("plan", "--hosts", "a,b,c,d")) {
            assertEquals(0, c.waitFor(60), c.stderr());
            var doc = Json.parse(c.stdout());
            assertEquals(12, doc.at("/pairs").asInt());
            assertEquals(6, doc.at("/rounds").size());
            assertEquals(2, doc.at("/rounds/0/pairs").size());
        }
        try (CliProcess c = CliProcess.kttcp4j("plan", "--hosts", "a,b", "--pairs", "a:z")) {
            assertEquals(1, c.waitFor(60));
            assertEquals(1, c.stderr().strip().lines().count(), c.stderr());
            assertTrue(c.stderr().contains("not one of the hosts"), c.stderr());
        }
    }
}
