package dev.cutover.config;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config text with environment values, the
 * way POSIX shells do ({@code :-} also applies when the variable is set but empty). {@code $${X}}
 * stays a literal {@code ${X}}. Line structure is preserved, so config errors keep their line
 * numbers.
 */
public final class EnvInterpolator {
    private static final Pattern REF = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> env;

    /** @param env looks up a variable; returns null when it is not set */
    public EnvInterpolator(Function<String, String> env) {
        this.env = env;
    }

    /** An interpolator over {@link System#getenv()}. */
    public static EnvInterpolator system() {
        Map<String, String> vars = System.getenv();
        return new EnvInterpolator(vars::get);
    }

    /**
     * Interpolates {@code text}.
     *
     * @param file the file name used in errors
     * @return the text with every reference replaced
     * @throws ConfigException naming the line when a variable without a default is not set
     */
    public String interpolate(String file, String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        java.util.List<String> missing = new java.util.ArrayList<>();
        int firstLine = 0;
        String firstKey = "";
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            int before = missing.size();
            out.append(interpolateLine(i + 1, lines[i], missing));
            if (before == 0 && !missing.isEmpty()) {
                firstLine = i + 1;
                firstKey = keyOf(lines[i]);
            }
        }
        if (!missing.isEmpty()) {
            // Every unset variable at once: one round trip to fix them all.
            String first = missing.get(0).substring(0, missing.get(0).indexOf(' '));
            String also =
                    missing.size() > 1 ? "; also unset: " + String.join(", ", missing.subList(1, missing.size())) : "";
            throw new ConfigException(
                    file,
                    firstLine,
                    firstKey,
                    "environment variable " + first + " is not set (write ${" + first + ":-default} to give a default)"
                            + also);
        }
        return out.toString();
    }

    /** Interpolates one line; adds {@code NAME (line N)} to {@code missing} for each unset variable. */
    private String interpolateLine(int lineNo, String line, java.util.List<String> missing) {
        if (line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = REF.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + (m.group(3) != null ? ":-" + m.group(3) : "") + "}";
            } else {
                String value = env.apply(m.group(2));
                if (value == null || value.isEmpty()) {
                    if (m.group(3) == null) {
                        missing.add(m.group(2) + " (line " + lineNo + ")");
                    }
                    value = m.group(3) == null ? "" : m.group(3);
                }
                replacement = value;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String keyOf(String line) {
        String t = line.strip();
        if (t.startsWith("- ")) {
            t = t.substring(2);
        }
        int colon = t.indexOf(':');
        return colon > 0 ? t.substring(0, colon).strip() : "";
    }
}
