package org.seqvault.bench;

import java.util.Locale;

/**
 * What the issue asks of one row: a ratio to the baseline, an absolute bound, or both. A latency's
 * ratio bound may be waived for a fast baseline ({@code orBaselinePlus}): under that many ms, the
 * baseline plus as much is enough.
 */
record Target(String text, Double minRatio, Double maxRatio, Double atLeast, Double atMost, Double orBaselinePlus) {

    static Target ratioAtLeast(double r) {
        return new Target(String.format(Locale.ROOT, "≥ %.2f× baseline", r), r, null, null, null, null);
    }

    static Target atLeast(double v, String unit) {
        return new Target(String.format(Locale.ROOT, "≥ %,.0f %s", v, unit), null, null, v, null, null);
    }

    static Target atMost(double v, String unit) {
        return new Target(String.format(Locale.ROOT, "≤ %,.0f %s", v, unit), null, null, null, v, null);
    }

    /**
     * A find kind (issue 19, target 4): at most {@code ms}, and within {@code r}× the direct SQL or,
     * where the SQL itself takes under {@code floorMs}, within the SQL plus {@code floorMs}.
     */
    static Target findLatency(double ms, double r, double floorMs) {
        return new Target(String.format(Locale.ROOT, "≤ %.0f ms and ≤ %.0f× direct SQL (or SQL + %.0f ms where SQL < %.0f ms)",
                ms, r, floorMs, floorMs), null, r, null, ms, floorMs);
    }

    /** Growth with size: at most {@code r} times the same figure at the smaller size (the row's baseline). */
    static Target growthAtMost(double r) {
        return new Target(String.format(Locale.ROOT, "≤ %.1f× the smaller size", r), null, r, null, null, null);
    }

    static Target none() {
        return new Target("(reported)", null, null, null, null, null);
    }

    boolean isMet(Row row) {
        boolean ok = true;
        if (minRatio != null) {
            ok &= row.ratio() >= minRatio;
        }
        if (maxRatio != null) {
            boolean nearFastBaseline = orBaselinePlus != null && row.baselineValue() < orBaselinePlus
                    && row.value() <= row.baselineValue() + orBaselinePlus;
            ok &= row.ratio() <= maxRatio || nearFastBaseline;
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
