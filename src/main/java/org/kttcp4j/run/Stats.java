package org.kttcp4j.run;

import java.util.EnumSet;
import java.util.List;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Statistic;
import org.kttcp4j.PublicApi;

/**
 * Min, median, max and sample standard deviation of a figure over repeated runs (Apache Commons Statistics,
 * the library compare's significance test comes from too). Figures that were not measured (NaN) are left out;
 * null when none was.
 *
 * @param n how many runs measured the figure
 * @param min the smallest value
 * @param median the median value
 * @param max the largest value
 * @param stddev the sample standard deviation (0 for one value)
 */
@PublicApi
public record Stats(int n, double min, double median, double max, double stddev) {
    /**
     * The statistics of a figure's values over runs.
     * @param values the values, NaN where not measured
     * @return the statistics, or null when no value was measured
     */
    public static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return null;
        }
        DoubleStatistics d = DoubleStatistics.of(EnumSet.of(Statistic.MIN, Statistic.MAX,
                Statistic.STANDARD_DEVIATION), v);
        return new Stats(v.length, d.getAsDouble(Statistic.MIN), Median.withDefaults().evaluate(v),
                d.getAsDouble(Statistic.MAX), v.length > 1 ? d.getAsDouble(Statistic.STANDARD_DEVIATION) : 0);
    }
}
