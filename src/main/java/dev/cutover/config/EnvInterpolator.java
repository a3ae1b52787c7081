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
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(interpolateLine(file, i + 1, lines[i]));
        }
        return out.toString();
    }

    private String interpolateLine(String file, int lineNo, String line) {
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
                        throw new ConfigException(
                                file, lineNo, keyOf(line), "environment variable " + m.group(2)
                                        + " is not set (write ${" + m.group(2) + ":-default} to give a default)");
                    }
                    value = m.group(3);
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
