package dev.cutover.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line
 * is a {@code # HELP}, a {@code # TYPE} or a sample of a family whose TYPE came first; names, label
 * names, escapes and values are checked. A line that is none of these fails the test.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Exposition formats</a>
 */
public final class PrometheusText {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> SUFFIXES = Set.of("_bucket", "_count", "_sum", "_created");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /**
     * Reads {@code text}.
     *
     * @throws AssertionError naming the first line that is not valid exposition format
     */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty() && n == text.split("\n", -1).length) {
                break;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": second TYPE for " + m.group(1));
                }
                continue;
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw new AssertionError("line " + n + " is not exposition format: " + line);
            }
            String name = m.group(1);
            if (family(name, types) == null) {
                throw new AssertionError("line " + n + ": sample " + name + " without a TYPE before it");
            }
            samples.add(new Sample(name, labels(m.group(3), n), value(m.group(4), n)));
        }
        return new PrometheusText(samples, types);
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int line) {
        Map<String, String> out = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new AssertionError("line " + line + ": bad labels {" + text + "}");
            }
            out.put(
                    m.group(1),
                    m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
            at = m.end();
        }
        return out;
    }

    private static double value(String text, int line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + line + ": bad value " + text);
                }
            }
        };
    }

    /** Every sample, in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The declared type of each family. */
    public Map<String, String> types() {
        return types;
    }

    /** The sum of the samples called {@code name} whose labels include {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** Whether a sample called {@code name} exists. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
