package dev.cutover.core.alert;

import java.util.List;

/** A line of unicode block characters ({@code ▁▂▃▄▅▆▇█}) showing values relative to their maximum. */
public final class Sparkline {
    private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

    private Sparkline() {}

    /**
     * The sparkline of {@code values}, at most {@code width} characters (the newest values are kept);
     * empty for no values. Zero maps to the lowest bar; the maximum to the highest.
     */
    public static String of(List<Double> values, int width) {
        List<Double> v = values.size() > width ? values.subList(values.size() - width, values.size()) : values;
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder sb = new StringBuilder(v.size());
        for (double x : v) {
            int i = max <= 0 ? 0 : (int) Math.round(Math.max(0, x) / max * (BARS.length - 1));
            sb.append(BARS[i]);
        }
        return sb.toString();
    }
}
