package dev.cutover.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named measurements, one value per round; a figure is the median of its rounds. Each value is
 * stored with the machine's 1-minute load average when it was taken.
 */
final class Samples {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, List<Double>> loads = new LinkedHashMap<>();

    synchronized void add(String name, double value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        loads.computeIfAbsent(name, k -> new ArrayList<>()).add(load());
    }

    synchronized boolean has(String name) {
        return values.containsKey(name);
    }

    /** The median of {@code name}'s rounds, NaN when never measured. */
    synchronized double median(String name) {
        return median(values.get(name));
    }

    /** min–max of {@code name}'s rounds. */
    synchronized String range(String name) {
        List<Double> v = values.get(name);
        if (v == null || v.isEmpty()) {
            return "";
        }
        return Table.num(Collections.min(v)) + "–" + Table.num(Collections.max(v));
    }

    /** The median load average while {@code name} was measured. */
    synchronized double load(String name) {
        return median(loads.get(name));
    }

    static double median(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The 1-minute load average from /proc/loadavg (what {@code uptime} shows first). */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
