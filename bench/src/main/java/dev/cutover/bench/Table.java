package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The suite's result: one row per figure, printed as a Markdown table. */
final class Table {
    private record Row(String figure, String cutover, String baseline, String ratio, String target, String load) {}

    private final List<Row> rows = new ArrayList<>();
    private final Samples s;

    Table(Samples samples) {
        this.s = samples;
    }

    /**
     * A figure whose ratio is cutover / baseline (lower is better), checked against {@code limit}
     * (NaN: no target).
     */
    void ratio(String figure, String cutover, String baseline, String unit, double limit) {
        if (!s.has(cutover)) {
            return;
        }
        double c = s.median(cutover);
        double b = s.median(baseline);
        double r = c / b;
        String verdict =
                Double.isNaN(limit) ? "—" : (r <= limit ? "≤ " + num(limit) + " met" : "≤ " + num(limit) + " MISSED");
        rows.add(new Row(
                figure,
                num(c) + " " + unit + " (" + s.range(cutover) + ")",
                num(b) + " " + unit + " (" + s.range(baseline) + ")",
                num(r),
                verdict,
                num(Math.max(s.load(cutover), s.load(baseline)))));
    }

    /** A figure with an absolute target ({@code value ≤ limit}) or none. */
    void absolute(String figure, String name, String unit, String baselineText, double limit) {
        if (!s.has(name)) {
            return;
        }
        double v = s.median(name);
        String verdict = Double.isNaN(limit)
                ? "—"
                : (v <= limit ? "≤ " + num(limit) + " " + unit + " met" : "≤ " + num(limit) + " " + unit + " MISSED");
        rows.add(new Row(
                figure,
                num(v) + " " + unit + " (" + s.range(name) + ")",
                baselineText,
                "—",
                verdict,
                num(s.load(name))));
    }

    /** A row written out in full (e.g. exact call counts). */
    void text(String figure, String cutover, String baseline, String ratio, String target, String load) {
        rows.add(new Row(figure, cutover, baseline, ratio, target, load));
    }

    String markdown() {
        StringBuilder b = new StringBuilder(
                "| figure | cutover (median, range) | baseline, same run | ratio | target | load |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ")
                    .append(String.join(" | ", r.figure, r.cutover, r.baseline, r.ratio, r.target, r.load))
                    .append(" |\n");
        }
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
