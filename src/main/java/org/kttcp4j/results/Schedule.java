package org.kttcp4j.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rounds of a plan of many hosts: in each round no host is in two runs, and the runs of a round can go at
 * the same time. For N hosts every ordered pair runs once: the round-robin "circle" schedule (one host fixed,
 * the others rotated one place a round; Kirkman's method, as every round-robin tournament is drawn) gives N-1
 * rounds of N/2 disjoint pairs, run in one direction, then the same N-1 rounds in the other: 2(N-1) rounds in
 * all. An odd N gets a placeholder; whoever meets it rests that round. A plan of chosen pairs keeps the circle's
 * order and places each pair in the first round where neither of its hosts is busy (first fit), so it never
 * needs more rounds than the full plan.
 */
public final class Schedule {
    /** One run: sender to receiver. */
    public record Pair(String sender, String receiver) {
        public Pair {
            if (sender.equals(receiver)) {
                throw new ResultException("the pair " + sender + ":" + receiver + " is a host with itself: give two "
                        + "different hosts, SENDER:RECEIVER");
            }
        }

        /** "a:b", as --pairs takes it. */
        public String label() {
            return sender + ":" + receiver;
        }

        /** A file-name stem for the pair's results: "a--b". */
        public String stem() {
            return sender + "--" + receiver;
        }
    }

    /** One round: its pairs (no host in two) and the hosts that rest in it. */
    public record Round(int number, List<Pair> pairs, List<String> rest) {}

    private final List<String> hosts;
    private final List<Round> rounds;

    private Schedule(List<String> hosts, List<Round> rounds) {
        this.hosts = hosts;
        this.rounds = rounds;
    }

    public List<String> hosts() {
        return hosts;
    }

    public List<Round> rounds() {
        return rounds;
    }

    /** Every pair, round by round. */
    public List<Pair> pairs() {
        return rounds.stream().flatMap(r -> r.pairs().stream()).toList();
    }

    /** Every ordered pair of hosts, in 2(N-1) rounds (N rounded up to even). */
    public static Schedule allPairs(List<String> hosts) {
        List<String> h = check(hosts);
        List<List<Pair>> rounds = circle(h);
        return new Schedule(h, number(h, rounds));
    }

    /** The given pairs only, first fit in the circle's order. */
    public static Schedule of(List<String> hosts, List<Pair> chosen) {
        List<String> h = check(hosts);
        Set<Pair> wanted = new LinkedHashSet<>();
        for (Pair p : chosen) {
            for (String end : List.of(p.sender(), p.receiver())) {
                if (!h.contains(end)) {
                    throw new ResultException("the pair " + p.label() + " names " + end + ", which is not one of the "
                            + "hosts (" + String.join(",", h) + "): give pairs of the hosts in --hosts");
                }
            }
            if (!wanted.add(p)) {
                throw new ResultException("the pair " + p.label() + " is given twice: give each pair once");
            }
        }
        if (wanted.isEmpty()) {
            throw new ResultException("no pairs given: give SENDER:RECEIVER pairs, or none for every ordered pair");
        }
        List<List<Pair>> rounds = new ArrayList<>();
        List<Set<String>> busy = new ArrayList<>();
        for (List<Pair> round : circle(h)) {
            for (Pair p : round) {
                if (!wanted.contains(p)) {
                    continue;
                }
                int i = 0;
                while (i < rounds.size() && (busy.get(i).contains(p.sender()) || busy.get(i).contains(p.receiver()))) {
                    i++;
                }
                if (i == rounds.size()) {
                    rounds.add(new ArrayList<>());
                    busy.add(new LinkedHashSet<>());
                }
                rounds.get(i).add(p);
                busy.get(i).add(p.sender());
                busy.get(i).add(p.receiver());
            }
        }
        return new Schedule(h, number(h, rounds));
    }

    /** The format's name and version, the plan document's first field. */
    public static final String FORMAT = "kttcp4j_plan";
    public static final int VERSION = 1;

    /**
     * The plan as JSON (what `kttcp4j plan` prints and the playbook reads): {"kttcp4j_plan": 1, "hosts": [...],
     * "rounds": [{"round": 1, "pairs": [{"sender", "receiver", "stem"}], "rest": [...]}], "pairs": count}.
     */
    public ObjectNode json() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put(FORMAT, VERSION);
        ArrayNode h = root.putArray("hosts");
        hosts.forEach(h::add);
        ArrayNode rs = root.putArray("rounds");
        for (Round r : rounds) {
            ObjectNode rn = rs.addObject();
            rn.put("round", r.number());
            ArrayNode ps = rn.putArray("pairs");
            for (Pair p : r.pairs()) {
                ps.addObject().put("sender", p.sender()).put("receiver", p.receiver()).put("stem", p.stem());
            }
            ArrayNode rest = rn.putArray("rest");
            r.rest().forEach(rest::add);
        }
        root.put("pairs", pairs().size());
        return root;
    }

    /** A plan read back from its JSON ({@link #json()}); its rules checked again. */
    public static Schedule fromJson(String name, JsonNode root) {
        if (root == null || root.path(FORMAT).asInt() != VERSION || !root.path("hosts").isArray()
                || !root.path("rounds").isArray()) {
            throw new ResultException(name + ": not a plan (no \"" + FORMAT + "\": " + VERSION + " with hosts and "
                    + "rounds): give the plan.json a plan's playbook wrote, or `kttcp4j plan`'s output");
        }
        List<String> hosts = new ArrayList<>();
        root.get("hosts").forEach(n -> hosts.add(n.asText()));
        List<String> h = check(hosts);
        List<Round> rounds = new ArrayList<>();
        for (JsonNode rn : root.get("rounds")) {
            Set<String> busy = new LinkedHashSet<>();
            List<Pair> pairs = new ArrayList<>();
            for (JsonNode pn : rn.path("pairs")) {
                Pair p = new Pair(pn.path("sender").asText(), pn.path("receiver").asText());
                if (!h.contains(p.sender()) || !h.contains(p.receiver()) || !busy.add(p.sender()) || !busy.add(p.receiver())) {
                    throw new ResultException(name + ": round " + rn.path("round").asInt() + " has the pair "
                            + p.label() + " with a host that is not in the plan or is in two pairs of the round");
                }
                pairs.add(p);
            }
            List<String> rest = h.stream().filter(x -> !busy.contains(x)).toList();
            rounds.add(new Round(rn.path("round").asInt(rounds.size() + 1), List.copyOf(pairs), rest));
        }
        return new Schedule(h, List.copyOf(rounds));
    }

    /** "a:b" (sender:receiver). */
    public static Pair parsePair(String s) {
        String[] ends = s.split(":", -1);
        if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
            throw new ResultException("the pair '" + s + "' is not SENDER:RECEIVER: give two host names joined by ':'"
                    + " (a:b sends from a to b)");
        }
        return new Pair(ends[0].strip(), ends[1].strip());
    }

    private static List<String> check(List<String> hosts) {
        List<String> h = new ArrayList<>();
        for (String name : hosts) {
            String n = name.strip();
            if (n.isEmpty() || n.contains(":") || n.contains("/") || n.contains(",")) {
                throw new ResultException("the host name '" + name + "' cannot be used: give inventory host names "
                        + "without ':', '/' or ','");
            }
            if (h.contains(n)) {
                throw new ResultException("the host " + n + " is given twice: give each host once");
            }
            h.add(n);
        }
        if (h.size() < 2) {
            throw new ResultException("a plan needs two hosts or more, got " + h.size() + ": give --hosts a,b[,c...]");
        }
        return List.copyOf(h);
    }

    /**
     * The circle: slot 0 fixed, slots 1..M-1 rotated one place a round; round r pairs slot i with slot M-1-i.
     * The fixed host sends in even rounds and receives in odd ones, so that its sends spread over both halves;
     * the other pairs send from the lower slot. Then the same rounds reversed.
     */
    private static List<List<Pair>> circle(List<String> hosts) {
        List<String> slots = new ArrayList<>(hosts);
        if (slots.size() % 2 == 1) {
            slots.add(null); // the rest placeholder
        }
        int m = slots.size();
        List<List<Pair>> forward = new ArrayList<>();
        for (int r = 0; r < m - 1; r++) {
            List<String> a = new ArrayList<>();
            a.add(slots.get(0));
            for (int i = 1; i < m; i++) {
                a.add(slots.get(1 + Math.floorMod(i - 1 - r, m - 1)));
            }
            List<Pair> round = new ArrayList<>();
            for (int i = 0; i < m / 2; i++) {
                String x = a.get(i);
                String y = a.get(m - 1 - i);
                if (x == null || y == null) {
                    continue;
                }
                boolean xSends = i != 0 || r % 2 == 0;
                round.add(xSends ? new Pair(x, y) : new Pair(y, x));
            }
            forward.add(round);
        }
        List<List<Pair>> all = new ArrayList<>(forward);
        for (List<Pair> round : forward) {
            all.add(round.stream().map(p -> new Pair(p.receiver(), p.sender())).toList());
        }
        return all;
    }

    private static List<Round> number(List<String> hosts, List<List<Pair>> rounds) {
        List<Round> out = new ArrayList<>();
        for (List<Pair> pairs : rounds) {
            Set<String> busy = new LinkedHashSet<>();
            pairs.forEach(p -> {
                busy.add(p.sender());
                busy.add(p.receiver());
            });
            List<String> rest = hosts.stream().filter(h -> !busy.contains(h)).toList();
            out.add(new Round(out.size() + 1, List.copyOf(pairs), rest));
        }
        return List.copyOf(out);
    }
}
