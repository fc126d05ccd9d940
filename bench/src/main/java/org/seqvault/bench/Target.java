package org.seqvault.bench;

import java.util.Locale;

/** What the issue asks of one row: a ratio to the baseline, an absolute bound, or both. */
record Target(String text, Double minRatio, Double maxRatio, Double atLeast, Double atMost) {

    static Target ratioAtLeast(double r) {
        return new Target(String.format(Locale.ROOT, "≥ %.2f× baseline", r), r, null, null, null);
    }

    static Target atLeast(double v, String unit) {
        return new Target(String.format(Locale.ROOT, "≥ %,.0f %s", v, unit), null, null, v, null);
    }

    static Target atMost(double v, String unit) {
        return new Target(String.format(Locale.ROOT, "≤ %,.0f %s", v, unit), null, null, null, v);
    }

    /** Latency: at most {@code ms} and at most {@code r} times the baseline. */
    static Target latency(double ms, double r) {
        return new Target(String.format(Locale.ROOT, "≤ %.0f ms and ≤ %.0f× direct SQL", ms, r), null, r, null, ms);
    }

    /** Growth with size: at most {@code r} times the same figure at the smaller size (the row's baseline). */
    static Target growthAtMost(double r) {
        return new Target(String.format(Locale.ROOT, "≤ %.1f× the smaller size", r), null, r, null, null);
    }

    static Target none() {
        return new Target("(reported)", null, null, null, null);
    }

    boolean isMet(Row row) {
        boolean ok = true;
        if (minRatio != null) {
            ok &= row.ratio() >= minRatio;
        }
        if (maxRatio != null) {
            ok &= row.ratio() <= maxRatio;
        }
        if (atLeast != null) {
            ok &= row.value() >= atLeast;
        }
        if (atMost != null) {
            ok &= row.value() <= atMost;
        }
        return ok;
    }

    boolean isNone() {
        return minRatio == null && maxRatio == null && atLeast == null && atMost == null;
    }

    /** The ratio a chart marks as the goal line, if the target is a ratio. */
    Double chartRatio() {
        return minRatio != null ? minRatio : maxRatio;
    }
}
