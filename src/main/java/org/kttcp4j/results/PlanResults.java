package org.kttcp4j.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a plan of many hosts, as ansible/plan.yml leaves them on the controller: plan.json (the rounds,
 * `kttcp4j plan`'s output), options.json, runs.json (what each host did: each end's exit status, start and end,
 * last lines of stderr; each host's interface facts; why a host was skipped) and results/SENDER--RECEIVER.send.json
 * and .recv.json (each end's --output). Every pair of the plan gets one verdict here: ok, failed (with the
 * reason) or missed (a threshold); the matrix, the JUnit file and `compare` of two plans are drawn from it.
 */
public record PlanResults(String name, Path dir, Schedule schedule, Map<String, String> options,
        Map<String, Host> hosts, List<Pair> pairs) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String PLAN = "plan.json";

    /** A pair's verdict. */
    public enum Status {
        OK("ok"), FAILED("FAILED"), MISSED("MISSED");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * What a host said of itself (Ansible's facts: interface, driver, speed_mbit, mtu, kernel, os, address; issue
     * #20's start.interface of each end's result JSON would give the same per run), and why it was down, or null.
     */
    public record Host(String name, String down, Map<String, String> facts) {}

    /**
     * One end of a pair as the host recorded it: its exit status (null: it did not run or did not end), its start
     * and end (Ansible's, the host's local clock, "2026-12-02 00:12:34.567890"), its last lines of stderr, Ansible's
     * message (unreachable, timed out), why it was skipped, its engine and the engine's note.
     */
    public record End(String host, String role, Integer rc, String start, String end, String stderr, String msg,
            String skipped, String engine, String note) {}

    /**
     * One pair: its verdict and reason (null when ok), both ends, and what the receiver's file says (the headline
     * Gbit/s: the median over repeats) with each end's CPU s/GB (each end's own process), NaN where absent.
     */
    public record Pair(Schedule.Pair pair, int round, Status status, String reason, End send, End recv,
            ResultFile sent, ResultFile received, double gbits, double cpuSender, double cpuReceiver) {
        public String label() {
            return pair.sender() + " -> " + pair.receiver();
        }
    }

    /** Whether path is a plan's directory (or its plan.json). */
    public static boolean isPlan(Path path) {
        return Files.isRegularFile(path.getFileName() != null && path.getFileName().toString().equals(PLAN) ? path
                : path.resolve(PLAN));
    }

    public static PlanResults read(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        String name = path.toString();
        Schedule schedule = Schedule.fromJson(name, tree(dir.resolve(PLAN), true));
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode o = tree(dir.resolve("options.json"), false);
        if (o != null) {
            o.fields().forEachRemaining(e -> {
                if (!e.getValue().asText().isEmpty() && !e.getValue().isNull()) {
                    options.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        Map<String, End> ends = new LinkedHashMap<>();
        JsonNode runs = tree(dir.resolve("runs.json"), false);
        for (String h : schedule.hosts()) {
            hosts.put(h, new Host(h, null, Map.of()));
        }
        if (runs != null) {
            for (JsonNode hn : runs.path("hosts")) {
                String h = hn.path("host").asText();
                Map<String, String> facts = new LinkedHashMap<>();
                hn.path("facts").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
                hosts.put(h, new Host(h, text(hn.get("down")), Map.copyOf(facts)));
                for (JsonNode r : hn.path("runs")) {
                    End e = new End(h, r.path("role").asText(), r.hasNonNull("rc") ? r.get("rc").asInt() : null,
                            text(r.get("start")), text(r.get("end")), text(r.get("stderr")), text(r.get("msg")),
                            text(r.get("skipped")), text(r.get("engine")), text(r.get("note")));
                    ends.put(r.path("stem").asText() + "." + e.role(), e);
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Schedule.Round round : schedule.rounds()) {
            for (Schedule.Pair p : round.pairs()) {
                pairs.add(pair(dir, p, round.number(), hosts, ends.get(p.stem() + ".send"), ends.get(p.stem() + ".recv")));
            }
        }
        return new PlanResults(name, dir, schedule, Map.copyOf(options), Map.copyOf(hosts), List.copyOf(pairs));
    }

    private static Pair pair(Path dir, Schedule.Pair p, int round, Map<String, Host> hosts, End send, End recv) {
        ResultFile sent = file(dir, p.stem() + ".send.json");
        ResultFile received = file(dir, p.stem() + ".recv.json");
        String reason = null;
        Status status = Status.FAILED;
        String downS = hosts.get(p.sender()).down();
        String downR = hosts.get(p.receiver()).down();
        if (downS != null || downR != null) {
            reason = downS != null ? downS : downR;
        } else if (send == null || recv == null) {
            reason = "no record from " + (send == null ? p.sender() : p.receiver()) + ": it left the play before this "
                    + "pair (unreachable, or the play was stopped)";
        } else if (!blank(recv.skipped()) || !blank(send.skipped())) {
            reason = blank(recv.skipped()) ? send.skipped() : recv.skipped();
        } else if (send.rc() == null && (recv.rc() == null || recv.rc() != 0)) {
            reason = "the receiver on " + p.receiver() + " failed" + (recv.rc() == null ? "" : " (exit " + recv.rc() + ")")
                    + ", nothing was sent: " + why(recv, "no message");
        } else if (send.rc() == null) {
            reason = "the sender on " + p.sender() + " did not end: " + why(send, "no message");
        } else if (send.rc() == 3 && (recv.rc() == null || recv.rc() == 0)) {
            status = Status.MISSED;
            reason = why(send, "a threshold was missed (exit 3)");
        } else if (send.rc() != 0) {
            reason = "send exit " + send.rc() + ": " + why(send, "no message");
        } else if (recv.rc() == null || recv.rc() != 0) {
            reason = "recv exit " + recv.rc() + ": " + why(recv, "no message");
        } else if (received == null) {
            reason = "no result file from the receiver " + p.receiver() + " (" + p.stem() + ".recv.json)";
        } else {
            status = Status.OK;
        }
        double gbits = received == null ? Double.NaN : median(received.runs().stream().mapToDouble(RecordedRun::gbits).toArray());
        double cpuS = sent == null ? Double.NaN : median(sent.runs().stream().mapToDouble(RecordedRun::cpu).toArray());
        double cpuR = received == null ? Double.NaN : median(received.runs().stream().mapToDouble(RecordedRun::cpu).toArray());
        return new Pair(p, round, status, reason, send, recv, sent, received, gbits, cpuS, cpuR);
    }

    /** The last line of an end's stderr, else Ansible's message, else fallback. */
    private static String why(End e, String fallback) {
        if (!blank(e.stderr())) {
            List<String> lines = e.stderr().strip().lines().filter(l -> !l.isBlank()).toList();
            return lines.get(lines.size() - 1).strip();
        }
        return blank(e.msg()) ? fallback : e.msg().strip().lines().findFirst().orElse(fallback);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return s.length == 0 ? Double.NaN : Comparison.median(s);
    }

    private static ResultFile file(Path dir, String name) {
        Path f = dir.resolve("results").resolve(name);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return ResultFile.parse(name, Files.readString(f));
        } catch (IOException | ResultException e) {
            return null;
        }
    }

    private static JsonNode tree(Path f, boolean required) {
        if (!Files.isRegularFile(f)) {
            if (required) {
                throw new ResultException(f + ": no such file: give the directory a plan's playbook (ansible/plan.yml) "
                        + "wrote, which holds plan.json");
            }
            return null;
        }
        try {
            return MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new ResultException(f + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + "): give "
                    + "the directory a plan's playbook wrote");
        }
    }

    public List<Pair> failed() {
        return pairs.stream().filter(p -> p.status() == Status.FAILED).toList();
    }

    public List<Pair> missed() {
        return pairs.stream().filter(p -> p.status() == Status.MISSED).toList();
    }

    /** 0: every pair ok; 2: a pair failed; 3: none failed, a threshold was missed (the README's exit table). */
    public int exitCode() {
        return !failed().isEmpty() ? 2 : !missed().isEmpty() ? 3 : 0;
    }

    /** One line for the plan, then one per failed pair and per missed threshold ("FAILED a -> b: why"). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        long ok = pairs.stream().filter(p -> p.status() == Status.OK).count();
        sb.append(String.format(Locale.ROOT, "plan of %d hosts, %d pairs in %d rounds: %d ok, %d failed, %d missed a "
                + "threshold%n", schedule.hosts().size(), pairs.size(), schedule.rounds().size(), ok, failed().size(),
                missed().size()));
        for (Pair p : pairs) {
            if (p.status() != Status.OK) {
                sb.append(p.status().text()).append(' ').append(p.label()).append(": ").append(p.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The results of every pair that has them: the receiver's file, else the sender's; for the per-pair charts. */
    public List<ResultFile> files() {
        List<ResultFile> files = new ArrayList<>();
        for (Pair p : pairs) {
            ResultFile f = p.received() != null ? p.received() : p.sent();
            if (f != null) {
                files.add(new ResultFile(p.label(), f.tool(), f.runs()));
            }
        }
        return files;
    }
}
