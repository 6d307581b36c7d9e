package org.kttcp4j.run;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Min, median, max and sample standard deviation of a figure over repeated runs (Apache Commons Math's
 * DescriptiveStatistics). Figures that were not measured (NaN) are left out; null when none was.
 */
@org.kttcp4j.PublicApi
public record Stats(int n, double min, double median, double max, double stddev) {
    public static Stats of(List<Double> values) {
        DescriptiveStatistics d = new DescriptiveStatistics();
        values.stream().filter(v -> !v.isNaN()).forEach(d::addValue);
        if (d.getN() == 0) {
            return null;
        }
        return new Stats((int) d.getN(), d.getMin(), d.getPercentile(50), d.getMax(),
                d.getN() > 1 ? d.getStandardDeviation() : 0);
    }
}
