package org.seqvault.bench;

import java.util.Arrays;
import java.util.Locale;

/** A sample of measured values: median and spread, and percentiles for latency samples. */
record Stats(double[] sorted) {
    Stats {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    static Stats of(double... values) {
        return new Stats(values);
    }

    static Stats of(java.util.List<Double> values) {
        return new Stats(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int count() {
        return sorted.length;
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** "1.23 (1.10–1.40, n=5)": median, then min–max. */
    String describe(String format) {
        if (sorted.length == 1) {
            return fmt(format, median()) + " (n=1)";
        }
        return fmt(format, median()) + " (" + fmt(format, min()) + "–" + fmt(format, max()) + ", n=" + sorted.length + ")";
    }

    static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
