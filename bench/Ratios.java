import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The bench scripts' statistics (issue #23 item 1): a ratio of two tools measured in the same alternated rounds,
 * with its 95 % confidence interval, whether it is settled (within +-5 %), and a goal's verdict.
 *
 * <p>The rounds are paired: round i gives one ratio r_i = a_i / b_i of two rows measured minutes apart on the same
 * machine, so the load that round had falls on both. The estimate is the geometric mean of the r_i; the interval
 * is Student's t on the logs, exp(mean(log r) +- t(0.975, n-1) * sd(log r) / sqrt(n)) (Apache Commons
 * Statistics: Mean, StandardDeviation, TDistribution). Why not a bootstrap of the r_i: with the 3 to 10 rounds a
 * bench can afford, a percentile bootstrap's interval is too narrow (it resamples n values, so its spread is
 * sd * sqrt((n-1)/n) / sqrt(n) with normal quantiles instead of t's); the self-test below measures it: on seeded
 * log-normal rounds it covers the true ratio about 84 % of the time at n = 5 (74 % at n = 3) where t covers 95 %.
 * Logs make the interval of b/a the reciprocal of a/b's, and a ratio of 0.5 as far from 1 as one of 2.
 *
 * <p>Usage (the class path is kttcp4j's jar, which carries Commons Statistics and Jackson):
 *
 * <pre>
 *   java -cp target/kttcp4j.jar bench/Ratios.java &lt; request.json      # one JSON document out
 *   java -cp target/kttcp4j.jar bench/Ratios.java --self-test
 * </pre>
 *
 * The request: {"settle": 0.05, "ratios": [{"id": "...", "values": [r_1, ...], "goal": {"op": "&gt;=", "value": 0.95}}]}
 * (goal optional; op "&gt;=" or "&lt;="). The answer, per id: n, estimate, low, high, half (the interval's relative
 * half-width, high / estimate - 1, the larger side), settled (half &lt;= settle), and with a goal its verdict:
 * "met" (the whole interval on the goal's side), "missed" (the whole interval on the other side) or "undecided".
 */
public final class Ratios {
    static final double LEVEL = 0.95;

    record Interval(int n, double estimate, double low, double high) {
        /** The relative half-width, on the wider (upper) side: high / estimate - 1; infinite with fewer than 2. */
        double half() {
            return n < 2 ? Double.POSITIVE_INFINITY : high / estimate - 1;
        }

        boolean settled(double settle) {
            return half() <= settle;
        }
    }

    /** The geometric mean of the per-round ratios and its 95 % t interval on the logs. */
    static Interval interval(double[] ratios) {
        int n = ratios.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rounds: a ratio needs at least one round");
        }
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(ratios[i] > 0) || Double.isInfinite(ratios[i])) {
                throw new IllegalArgumentException("round " + (i + 1) + "'s ratio is " + ratios[i]
                        + ": a row moved nothing or its figure is missing; look at that round's raw JSON");
            }
            logs[i] = Math.log(ratios[i]);
        }
        double m = Mean.of(logs).getAsDouble();
        double estimate = Math.exp(m);
        if (n < 2) {
            return new Interval(n, estimate, 0, Double.POSITIVE_INFINITY);
        }
        double sd = StandardDeviation.of(logs).getAsDouble();   // n - 1 in the denominator
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2);
        double h = t * sd / Math.sqrt(n);
        return new Interval(n, estimate, Math.exp(m - h), Math.exp(m + h));
    }

    /** "met", "missed" or "undecided" for a goal "ratio OP value". */
    static String verdict(Interval iv, String op, double value) {
        boolean atLeast = switch (op) {
            case ">=" -> true;
            case "<=" -> false;
            default -> throw new IllegalArgumentException("a goal's op is >= or <=, not '" + op + "'");
        };
        if (atLeast ? iv.low() >= value : iv.high() <= value) {
            return "met";
        }
        if (atLeast ? iv.high() < value : iv.low() > value) {
            return "missed";
        }
        return "undecided";
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--self-test")) {
            System.exit(selfTest());
        }
        if (args.length != 0) {
            System.err.println("bench/Ratios.java: reads a request on stdin, or --self-test; not " + Arrays.toString(args));
            System.exit(1);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode req = json.readTree(System.in);
        double settle = req.path("settle").asDouble(0.05);
        ObjectNode out = json.createObjectNode();
        out.put("level", LEVEL);
        out.put("settle", settle);
        out.put("method", "geometric mean of per-round ratios; Student t interval on their logs");
        ObjectNode res = out.putObject("ratios");
        try {
            for (JsonNode r : req.path("ratios")) {
                String id = r.path("id").asText();
                List<Double> v = new ArrayList<>();
                r.path("values").forEach(x -> v.add(x.asDouble()));
                Interval iv;
                try {
                    iv = interval(v.stream().mapToDouble(Double::doubleValue).toArray());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
                }
                ObjectNode o = res.putObject(id);
                o.put("n", iv.n());
                o.put("estimate", iv.estimate());
                o.put("low", iv.low());
                if (Double.isFinite(iv.high())) {
                    o.put("high", iv.high());
                    o.put("half", iv.half());
                } else {
                    o.putNull("high");
                    o.putNull("half");
                }
                o.put("settled", iv.settled(settle));
                ArrayNode vals = o.putArray("values");
                v.forEach(vals::add);
                JsonNode g = r.path("goal");
                if (!g.isMissingNode() && !g.isNull()) {
                    o.put("verdict", verdict(iv, g.path("op").asText(), g.path("value").asDouble()));
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench/Ratios.java: " + e.getMessage());
            System.exit(2);
        }
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    // ---- self-test: deterministic (fixed inputs, seeded simulations); exit 0 when every check holds ----

    private static int failures;

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            failures++;
        }
    }

    private static boolean near(double a, double b, double tol) {
        return Math.abs(a - b) <= tol;
    }

    static int selfTest() {
        failures = 0;
        // 1. A worked example, against figures computed apart from this code (Python's math and statistics
        // modules on the logs, and t(0.975, 4) = 2.7764451 from a printed table).
        double[] r = {1.02, 0.98, 1.05, 0.97, 1.01};
        Interval iv = interval(r);
        check(near(TDistribution.of(4).inverseCumulativeProbability(0.975), 2.7764451, 1e-6),
                "t(0.975, 4) is the table's 2.7764451");
        check(near(iv.estimate(), 1.005592, 1e-6) && near(iv.low(), 0.966626, 1e-6) && near(iv.high(), 1.046128, 1e-6),
                String.format(Locale.ROOT, "1.02 0.98 1.05 0.97 1.01: %.6f [%.6f, %.6f], expected 1.005592 "
                        + "[0.966626, 1.046128]", iv.estimate(), iv.low(), iv.high()));
        check(iv.n() == 5 && near(iv.half(), 0.040311, 1e-6) && iv.settled(0.05) && !iv.settled(0.04),
                "its half-width is 4.03 %: settled at +-5 %, not at +-4 %");
        // 2. b/a is the reciprocal of a/b.
        double[] inv = Arrays.stream(r).map(x -> 1 / x).toArray();
        Interval ii = interval(inv);
        check(near(ii.estimate(), 1 / iv.estimate(), 1e-12) && near(ii.low(), 1 / iv.high(), 1e-12)
                && near(ii.high(), 1 / iv.low(), 1e-12), "the interval of b/a is the reciprocal of a/b's");
        // 3. Verdicts, both directions, and the edges.
        Interval hi = new Interval(5, 0.99, 0.96, 1.02);
        Interval lo = new Interval(5, 0.92, 0.90, 0.94);
        Interval mid = new Interval(5, 0.96, 0.93, 0.99);
        check(verdict(hi, ">=", 0.95).equals("met") && verdict(lo, ">=", 0.95).equals("missed")
                && verdict(mid, ">=", 0.95).equals("undecided"), ">= 0.95: [0.96, 1.02] met, [0.90, 0.94] missed, "
                + "[0.93, 0.99] undecided");
        check(verdict(lo, "<=", 0.95).equals("met") && verdict(hi, "<=", 0.95).equals("missed")
                && verdict(mid, "<=", 0.95).equals("undecided"), "<= 0.95: the same three the other way round");
        check(verdict(new Interval(5, 1, 0.95, 1.1), ">=", 0.95).equals("met"), "a low bound equal to the goal meets it");
        Interval one = interval(new double[] {1.2});
        check(one.half() == Double.POSITIVE_INFINITY && !one.settled(0.05) && verdict(one, ">=", 0.95).equals("undecided"),
                "one round: no interval, not settled, undecided");
        Interval same = interval(new double[] {0.9, 0.9, 0.9});
        check(near(same.low(), 0.9, 1e-12) && near(same.high(), 0.9, 1e-12) && verdict(same, ">=", 0.95).equals("missed"),
                "three equal rounds: the interval is the point");
        boolean threw = false;
        try {
            interval(new double[] {1, 0, 1});
        } catch (IllegalArgumentException e) {
            threw = e.getMessage().contains("round 2");
        }
        check(threw, "a round with a zero figure is refused, naming the round");
        // 4. Coverage on seeded simulated rounds: log-normal per-round ratios around 0.97 (sd of the log 0.15, about
        // this machine's spread of a ratio between rounds). t must cover the true ratio 95 % of the time; the
        // percentile bootstrap of the same rounds is printed beside it (why this tool uses t).
        SplittableRandom rng = new SplittableRandom(23);
        for (int n : new int[] {3, 5, 10}) {
            int experiments = 2000;
            int coverT = 0;
            int coverBoot = 0;
            for (int e = 0; e < experiments; e++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 0.97 * Math.exp(0.15 * gaussian(rng));
                }
                Interval t = interval(x);
                coverT += t.low() <= 0.97 && 0.97 <= t.high() ? 1 : 0;
                double[] b = bootstrap(x, 400, rng);
                coverBoot += b[0] <= 0.97 && 0.97 <= b[1] ? 1 : 0;
            }
            double ct = (double) coverT / experiments;
            double cb = (double) coverBoot / experiments;
            check(ct >= 0.93 && ct <= 0.97, String.format(Locale.ROOT,
                    "log-normal rounds, n = %d: t covers %.3f (percentile bootstrap %.3f)", n, ct, cb));
        }
        // 5. Bimodal rounds, as this VM's loopback gives (each row in one of two modes, 2 x apart, independently):
        // the ratio's logs then take three values; t's coverage is printed, and must stay above 0.9 from 5 rounds.
        for (int n : new int[] {5, 10}) {
            int experiments = 2000;
            int cover = 0;
            for (int e = 0; e < experiments; e++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    double a = rng.nextBoolean() ? 60 : 30;
                    double b = rng.nextBoolean() ? 60 : 30;
                    x[i] = 0.97 * a / b;
                }
                Interval t;
                try {
                    t = interval(x);
                } catch (IllegalArgumentException ex) {
                    continue;
                }
                cover += t.low() <= 0.97 && 0.97 <= t.high() ? 1 : 0;
            }
            double c = (double) cover / experiments;
            check(c >= 0.9, String.format(Locale.ROOT, "bimodal rounds (2 x), n = %d: t covers %.3f", n, c));
        }
        System.out.println(failures == 0 ? "self-test: all checks hold" : "self-test: " + failures + " FAILED");
        return failures == 0 ? 0 : 1;
    }

    /** The percentile bootstrap of the geometric mean (for the self-test's comparison only). */
    static double[] bootstrap(double[] x, int resamples, SplittableRandom rng) {
        double[] g = new double[resamples];
        for (int k = 0; k < resamples; k++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.log(x[rng.nextInt(x.length)]);
            }
            g[k] = Math.exp(s / x.length);
        }
        Arrays.sort(g);
        return new double[] {g[(int) Math.floor(0.025 * (resamples - 1))], g[(int) Math.ceil(0.975 * (resamples - 1))]};
    }

    /** A standard normal deviate (Box-Muller) from the seeded generator. */
    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
