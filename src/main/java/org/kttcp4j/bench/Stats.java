package org.kttcp4j.bench;

import java.util.Arrays;
import java.util.List;

/** Min, median, max and sample standard deviation of repeated runs' figures. */
public record Stats(int n, double min, double median, double max, double stddev) {
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Stats(n, v[0], median, v[n - 1], sd);
    }
}
