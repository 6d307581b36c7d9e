package org.kttcp4j.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.kttcp4j.run.Stats;

/**
 * A baseline result against a new one: runs matched by what defines them ({@link RunKey}), the median of each
 * side's repeats, the change, and with repeats on both sides a two-sided Mann-Whitney U test (Apache Commons
 * Statistics, exact p-values for small samples without ties), so that noise is not called a regression.
 */
public final class Comparison {
    /** The significance level: a worse median counts only when p is below it. */
    public static final double ALPHA = 0.05;

    /** Exit statuses a CI job acts on. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_REGRESSION = 3;

    private Comparison() {}

    public enum Verdict {
        SAME("ok"), BETTER("better"), NOISE("worse, not significant"), WORSE("WORSE");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One matched pair of run groups.
     *
     * @param p the Mann-Whitney U test's two-sided p-value, or NaN when the sample sizes cannot reach
     *     {@link #ALPHA} (single runs, 3 against 3: the smallest p there is 0.1) and medians are judged alone
     * @param change new against baseline in percent of the baseline (signed, in the metric's own direction)
     * @param worse how much worse new is, in percent (positive: worse, for the metric's sense of better)
     */
    public record Row(RunKey baseKey, RunKey newKey, double[] base, double[] now, double baseMedian,
            double newMedian, double change, double worse, double p, Verdict verdict) {
        public String label() {
            return baseKey.equals(newKey) ? baseKey.label() : baseKey.label() + " vs " + newKey.label();
        }

        public boolean tested() {
            return !Double.isNaN(p);
        }
    }

    public record Outcome(String baseName, String newName, Metric metric, double maxDrop, List<Row> rows,
            List<String> notes) {
        public List<Row> regressions() {
            return rows.stream().filter(r -> r.verdict() == Verdict.WORSE).toList();
        }

        public int exitCode() {
            return regressions().isEmpty() ? EXIT_OK : EXIT_REGRESSION;
        }
    }

    public static Outcome compare(ResultFile base, ResultFile now, Metric metric, double maxDrop) {
        if (!(maxDrop >= 0) || Double.isInfinite(maxDrop)) {
            throw new ResultException("--max-drop " + maxDrop + " is not a percentage: give a number such as 5");
        }
        Map<RunKey, List<RecordedRun>> b = group(base);
        Map<RunKey, List<RecordedRun>> n = group(now);
        List<String> notes = new ArrayList<>();
        Map<RunKey, RunKey> pairs = new LinkedHashMap<>();
        for (RunKey k : b.keySet()) {
            if (n.containsKey(k)) {
                pairs.put(k, k);
            }
        }
        List<RunKey> lostBase = b.keySet().stream().filter(k -> !pairs.containsKey(k)).toList();
        List<RunKey> lostNew = n.keySet().stream().filter(k -> !pairs.containsValue(k)).toList();
        // One tool or engine against another (kttcp4j against the iperf3 runs a team already has): when each side's
        // unmatched runs were all made with one thing, pair them by their setup alone and say so.
        Set<String> baseWith = measured(lostBase);
        Set<String> newWith = measured(lostNew);
        if (!lostBase.isEmpty() && baseWith.size() == 1 && newWith.size() == 1) {
            for (RunKey kb : lostBase) {
                lostNew.stream().filter(kn -> kn.setup().equals(kb.setup()) && !pairs.containsValue(kn)).findFirst()
                        .ifPresent(kn -> pairs.put(kb, kn));
            }
            if (!pairs.isEmpty()) {
                notes.add("compared across tools or engines: " + baseWith.iterator().next() + " in " + base.name()
                        + " against " + newWith.iterator().next() + " in " + now.name());
            }
        }
        for (RunKey kb : b.keySet()) {
            if (!pairs.containsKey(kb)) {
                throw new ResultException("the run '" + kb.label() + "' of " + base.name() + " has no counterpart in "
                        + now.name() + " (which has: " + labels(n.keySet()) + "): compare results made with the "
                        + "same engines, socket buffers, streams and direction");
            }
        }
        for (RunKey kn : n.keySet()) {
            if (!pairs.containsValue(kn)) {
                notes.add("only in " + now.name() + ", not compared: " + kn.label());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<RunKey, RunKey> e : pairs.entrySet()) {
            List<RecordedRun> rb = b.get(e.getKey());
            List<RecordedRun> rn = n.get(e.getValue());
            CpuCover cover = metric == Metric.CPU ? cover(e.getKey(), rb, rn, base.name(), now.name(), notes) : null;
            rows.add(row(e.getKey(), e.getValue(), values(rb, metric, cover, base.name()),
                    values(rn, metric, cover, now.name()), metric, maxDrop, notes));
        }
        settingsNotes(b, n, pairs, notes);
        return new Outcome(base.name(), now.name(), metric, maxDrop, List.copyOf(rows), List.copyOf(notes));
    }

    static Row row(RunKey kb, RunKey kn, double[] x, double[] y, Metric metric, double maxDrop, List<String> notes) {
        double mb = median(x);
        double mn = median(y);
        double change = (mn - mb) / mb * 100;
        double worse = metric.worsePercent(mb, mn);
        double p = Double.NaN;
        if (x.length > 1 && y.length > 1) {
            double smallest = smallestP(x.length, y.length);
            if (smallest < ALPHA) {
                p = MannWhitneyUTest.withDefaults().test(x, y).getPValue();
            } else {
                notes.add(String.format(Locale.ROOT, "%s: %d and %d runs cannot reach p < %.2f (the smallest p is "
                        + "%.3f), so the medians are judged as single runs: use --repeat 4 or more on both sides",
                        kb.label(), x.length, y.length, ALPHA, smallest));
            }
        }
        Verdict v;
        boolean significant = Double.isNaN(p) || p < ALPHA;
        if (worse > maxDrop) {
            v = significant ? Verdict.WORSE : Verdict.NOISE;
        } else if (-worse > maxDrop && significant) {
            v = Verdict.BETTER;
        } else {
            v = Verdict.SAME;
        }
        return new Row(kb, kn, x, y, mb, mn, change, worse, p, v);
    }

    /**
     * The smallest two-sided p-value the exact Mann-Whitney U test can give for samples of m and n without ties:
     * complete separation, one arrangement out of C(m+n, m) at each tail.
     */
    static double smallestP(int m, int n) {
        double c = 1;
        for (int i = 1; i <= Math.min(m, n); i++) {
            c = c * (Math.max(m, n) + i) / i;
        }
        return Math.min(1, 2 / c);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static Map<RunKey, List<RecordedRun>> group(ResultFile f) {
        Map<RunKey, List<RecordedRun>> g = new LinkedHashMap<>();
        for (RecordedRun r : f.runs()) {
            g.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }

    /**
     * Whose CPU the CPU s/GB of a matched pair counts: the widest that every run on both sides has (both ends,
     * else one end's process), so that like is compared with like; null when a side has no CPU figure (values
     * then says so). Runs whose CPU has no end in common cannot be compared by CPU.
     */
    static CpuCover cover(RunKey kb, List<RecordedRun> base, List<RecordedRun> now, String baseName, String newName,
            List<String> notes) {
        if (base.stream().anyMatch(r -> r.cpuPerGB().isEmpty()) || now.stream().anyMatch(r -> r.cpuPerGB().isEmpty())) {
            return null;
        }
        for (CpuCover c : CpuCover.values()) {
            if (base.stream().allMatch(r -> r.cpuPerGB().containsKey(c)) && now.stream().allMatch(r -> r.cpuPerGB().containsKey(c))) {
                notes.add(kb.label() + ": CPU s/GB of " + c.label() + " on both sides"
                        + (c != base.get(0).cpuCovers() || c != now.get(0).cpuCovers() ? " (what both files have)" : ""));
                return c;
            }
        }
        throw new ResultException("the run '" + kb.label() + "': the CPU of " + baseName + " counts "
                + base.get(0).cpuCovers().label() + ", of " + newName + " " + now.get(0).cpuCovers().label()
                + ": compare CPU like with like (kttcp4j loopback and iperf3's client files count both ends; send, "
                + "recv and iperf3's server files one end's process), or compare with --metric gbits");
    }

    private static double[] values(List<RecordedRun> runs, Metric metric, CpuCover cover, String file) {
        double[] v = runs.stream().mapToDouble(r -> cover == null ? r.value(metric) : r.cpu(cover)).toArray();
        for (double d : v) {
            if (Double.isNaN(d) || (metric == Metric.GBITS && d <= 0) || d < 0) {
                throw new ResultException(file + ": a run of '" + runs.get(0).key().label() + "' has no usable "
                        + metric.unit() + " figure" + (metric == Metric.CPU ? ": compare with --metric gbits" : ""));
            }
        }
        return v;
    }

    private static Set<String> measured(List<RunKey> keys) {
        Set<String> s = new LinkedHashSet<>();
        for (RunKey k : keys) {
            s.add((k.tool().equals(k.measuredWith()) ? "" : k.tool() + " ") + k.measuredWith() + " " + k.mode() + ("host".equals(k.kernel()) ? "" : " " + k.kernel()));
        }
        return s;
    }

    private static String labels(Set<RunKey> keys) {
        return String.join("; ", keys.stream().map(RunKey::label).toList());
    }

    /**
     * #20: how close each side came to its line (docs/nic.md), where the files have one: "veth ...: 98.1 % of the
     * line (0.9564 Gbit/s at MTU 1500) in the baseline, 97.4 % (0.9564 Gbit/s at MTU 1500) in the new result".
     */
    private static void lineNote(RunKey key, List<RecordedRun> base, List<RecordedRun> now, List<String> notes) {
        String b = lineMedian(base);
        String n = lineMedian(now);
        if (b != null || n != null) {
            notes.add(key.label() + ": " + (b == null ? "no line" : b) + " in the baseline, " + (n == null ? "no line" : n)
                    + " in the new result");
        }
    }

    private static String lineMedian(List<RecordedRun> runs) {
        List<RecordedRun> with = runs.stream().filter(r -> !Double.isNaN(r.linePercent())).toList();
        if (with.isEmpty()) {
            return null;
        }
        double median = Stats.of(with.stream().map(RecordedRun::linePercent).toList()).median();
        return String.format(Locale.ROOT, "%.1f %% of the line (%s)", median, with.get(0).line());
    }

    /** Settings outside the key that differ (write size, amount): not a reason to refuse, worth a line. */
    private static void settingsNotes(Map<RunKey, List<RecordedRun>> b, Map<RunKey, List<RecordedRun>> n, Map<RunKey, RunKey> pairs,
            List<String> notes) {
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<RunKey, RunKey> e : pairs.entrySet()) {
            Map<String, String> sb = b.get(e.getKey()).get(0).settings();
            Map<String, String> sn = n.get(e.getValue()).get(0).settings();
            lineNote(e.getKey(), b.get(e.getKey()), n.get(e.getValue()), notes);
            for (String field : List.of("write size", "amount")) {
                String x = sb.getOrDefault(field, "-");
                String y = sn.getOrDefault(field, "-");
                if (!x.equals(y) && seen.add(field + x + y)) {
                    notes.add(field + " differs: " + x + " in the baseline, " + y + " in the new result");
                }
            }
        }
        for (Map.Entry<RunKey, RunKey> e : pairs.entrySet()) {
            for (RecordedRun r : n.get(e.getValue())) {
                if (r.problem() != null && seen.add("problem" + r.problem())) {
                    notes.add("a new run stopped early: " + r.problem());
                }
            }
        }
    }

    /** The text a person reads: a table, notes, and one line with the verdict. */
    public static String text(Outcome o) {
        StringBuilder sb = new StringBuilder();
        Metric m = o.metric();
        sb.append(String.format(Locale.ROOT, "%s (%s is better), %s -> %s, max drop %s%%%n", m.unit(),
                m.higherIsBetter() ? "higher" : "lower", o.baseName(), o.newName(), num(o.maxDrop())));
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"run", "baseline", "new", "change", "p", "verdict"});
        for (Row r : o.rows()) {
            cells.add(new String[] {r.label(), side(m, r.baseMedian(), r.base().length),
                side(m, r.newMedian(), r.now().length), String.format(Locale.ROOT, "%+.1f%%", r.change()),
                r.tested() ? String.format(Locale.ROOT, "%.3f", r.p()) : "-", r.verdict().text()});
        }
        int[] w = new int[6];
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                String cell = i == 0 || i == 5 ? pad(c[i], w[i]) : lpad(c[i], w[i]);
                line.append(cell).append(i < c.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append("(medians; (n) = runs; p = Mann-Whitney U, two-sided, with repeats on both sides)\n");
        for (String note : o.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        List<Row> bad = o.regressions();
        if (bad.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "no regression: no run is worse by more than %s%%%s%n",
                    num(o.maxDrop()), o.rows().stream().anyMatch(Row::tested) ? " with p < " + ALPHA : ""));
        } else {
            for (Row r : bad) {
                sb.append(String.format(Locale.ROOT, "REGRESSION: %s: %s %s -> %s (%+.1f%%), worse by more than %s%%%s%n",
                        r.label(), m.unit(), m.format(r.baseMedian()), m.format(r.newMedian()), r.change(),
                        num(o.maxDrop()), r.tested() ? String.format(Locale.ROOT, ", p = %.3f", r.p()) : ""));
            }
        }
        return sb.toString();
    }

    private static String side(Metric m, double median, int n) {
        return m.format(median) + (n > 1 ? " (" + n + ")" : "");
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
