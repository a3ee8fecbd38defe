package io.quiesce.benchmarks;

import java.io.Serializable;

import java.util.Arrays;

/** Median and spread of the measured iterations: min, max and the quartiles. */
record Summary(double median, double min, double max, double p25, double p75, int n) implements Serializable {
    static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Summary(quantile(v, 0.5), v[0], v[v.length - 1], quantile(v, 0.25), quantile(v, 0.75),
                v.length);
    }

    /** Linear interpolation between the closest ranks, on sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Nearest-rank percentile of latencies (p in 0..100), on sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
