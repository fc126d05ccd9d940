package org.seqvault.bench;

/**
 * One line of the results table: SeqVault's number, the baseline's number from the same run,
 * their ratio and whether the target holds. Texts carry the spread; values drive the
 * ratio and the chart.
 */
record Row(String group, String name, String unit, double value, String valueText, String baseline,
           double baselineValue, String baselineText, Target target) {

    /** A row whose target is absolute (no baseline). */
    static Row absolute(String group, String name, String unit, double value, String valueText, Target target) {
        return new Row(group, name, unit, value, valueText, "—", Double.NaN, "—", target);
    }

    boolean hasBaseline() {
        return !Double.isNaN(baselineValue);
    }

    /** SeqVault ÷ baseline; NaN without a baseline. */
    double ratio() {
        return hasBaseline() ? value / baselineValue : Double.NaN;
    }

    boolean met() {
        return target.isMet(this);
    }
}
