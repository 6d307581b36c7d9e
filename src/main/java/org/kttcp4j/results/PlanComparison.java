package org.kttcp4j.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two plans pair by pair (sender and receiver by name): each pair's runs judged as {@link Comparison} judges a
 * run group (medians, the change, Mann-Whitney U with repeats on both sides), and a pair that ran in the baseline
 * but failed in the new plan is a regression too. The figures are the receiver's file's (what arrived; its CPU is
 * the receiving process's).
 */
public final class PlanComparison {
    private PlanComparison() {}

    /** One pair: the row, or why it could not be compared (failed on a side), and whether it regressed. */
    public record PairRow(String label, Comparison.Row row, String problem, boolean regressed) {}

    public record Outcome(String baseName, String newName, Metric metric, double maxDrop, List<PairRow> rows,
            List<String> notes) {
        public List<PairRow> regressions() {
            return rows.stream().filter(PairRow::regressed).toList();
        }

        public int exitCode() {
            return regressions().isEmpty() ? Comparison.EXIT_OK : Comparison.EXIT_REGRESSION;
        }
    }

    public static Outcome compare(PlanResults base, PlanResults now, Metric metric, double maxDrop) {
        if (!(maxDrop >= 0) || Double.isInfinite(maxDrop)) {
            throw new ResultException("--max-drop " + maxDrop + " is not a percentage: give a number such as 5");
        }
        Map<String, PlanResults.Pair> n = new LinkedHashMap<>();
        now.pairs().forEach(p -> n.put(p.label(), p));
        List<PairRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PlanResults.Pair b : base.pairs()) {
            PlanResults.Pair x = n.remove(b.label());
            if (x == null) {
                notes.add("only in " + base.name() + ", not compared: " + b.label());
            } else if (b.status() == PlanResults.Status.FAILED || b.received() == null) {
                notes.add(b.label() + ": failed in the baseline, not compared (" + b.reason() + ")");
            } else if (x.status() == PlanResults.Status.FAILED || x.received() == null) {
                rows.add(new PairRow(b.label(), null, "failed in the new plan: " + x.reason(), true));
            } else {
                double[] bv = values(b.received(), metric);
                double[] nv = values(x.received(), metric);
                if (bv.length == 0 || nv.length == 0) {
                    notes.add(b.label() + ": no " + metric.unit() + " figure on a side, not compared");
                    continue;
                }
                RunKey k = b.received().runs().get(0).key();
                Comparison.Row row = Comparison.row(k, k, bv, nv, metric, maxDrop, new ArrayList<>());
                rows.add(new PairRow(b.label(), row, null, row.verdict() == Comparison.Verdict.WORSE));
            }
        }
        n.keySet().forEach(l -> notes.add("only in " + now.name() + ", not compared: " + l));
        return new Outcome(base.name(), now.name(), metric, maxDrop, List.copyOf(rows), List.copyOf(notes));
    }

    private static double[] values(ResultFile f, Metric m) {
        return f.runs().stream().mapToDouble(r -> r.value(m)).filter(v -> !Double.isNaN(v) && v > 0).toArray();
    }

    public static String text(Outcome o) {
        StringBuilder sb = new StringBuilder();
        Metric m = o.metric();
        sb.append(String.format(Locale.ROOT, "plans, %s (%s is better), %s -> %s, max drop %s%%%n", m.unit(),
                m.higherIsBetter() ? "higher" : "lower", o.baseName(), o.newName(), trim(o.maxDrop())));
        int w = o.rows().stream().mapToInt(r -> r.label().length()).max().orElse(4);
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9s  %9s  %8s  %s%n", "pair", "baseline", "new", "change", "verdict"));
        for (PairRow r : o.rows()) {
            if (r.row() == null) {
                sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9s  %9s  %8s  %s%n", r.label(), "", "", "", "FAILED"));
            } else {
                Comparison.Row x = r.row();
                sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9s  %9s  %+7.1f%%  %s%n", r.label(),
                        m.format(x.baseMedian()), m.format(x.newMedian()), x.change(), x.verdict().text()));
            }
        }
        for (String note : o.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        if (o.regressions().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "no regression: no pair is worse by more than %s%%%n", trim(o.maxDrop())));
        }
        for (PairRow r : o.regressions()) {
            if (r.row() == null) {
                sb.append("REGRESSION: ").append(r.label()).append(": ").append(r.problem()).append('\n');
            } else {
                Comparison.Row x = r.row();
                sb.append(String.format(Locale.ROOT, "REGRESSION: %s: %s %s -> %s (%+.1f%%), worse by more than %s%%%s%n",
                        r.label(), m.unit(), m.format(x.baseMedian()), m.format(x.newMedian()), x.change(),
                        trim(o.maxDrop()), x.tested() ? String.format(Locale.ROOT, ", p = %.3f", x.p()) : ""));
            }
        }
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
