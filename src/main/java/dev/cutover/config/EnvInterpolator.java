package dev.cutover.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} inside the string values of a parsed config
 * document with environment values, the way POSIX shells do ({@code :-} also applies when the
 * variable is set but empty). {@code $${X}} stays a literal {@code ${X}}.
 *
 * <p>Replacement happens after YAML parsing, in string scalars only: a value is never YAML syntax,
 * so {@code *}, {@code &}, {@code !}, {@code #}, quotes and line breaks in a secret are kept byte for
 * byte, and no value can add or change a key. Keys, comments and non-string scalars are left alone.
 * A value that is exactly one reference resolving to the empty string becomes null, as an empty
 * value ({@code key:}) would be.
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
     * Interpolates every string value under {@code root}, in place.
     *
     * @param file the file name used in errors
     * @param root the parsed document
     * @param locations the lines of the document's keys, for errors
     * @return the document ({@code root} itself unless it is a lone string)
     * @throws ConfigException naming the line and key of the first unset variable without a default,
     *     and every other one by name and line, so one run shows them all
     */
    JsonNode interpolate(String file, JsonNode root, YamlLocations locations) {
        List<String> missingPaths = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        JsonNode result = walk(root, "", missingPaths, missing);
        if (!missing.isEmpty()) {
            List<String> described = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                described.add(missing.get(i) + " (line " + locations.lineOf(missingPaths.get(i)) + ")");
            }
            String first = missing.get(0);
            String also = described.size() > 1
                    ? "; also unset: " + String.join(", ", described.subList(1, described.size()))
                    : "";
            throw new ConfigException(
                    file,
                    locations.lineOf(missingPaths.get(0)),
                    missingPaths.get(0),
                    "environment variable " + first + " is not set (write ${" + first + ":-default} to give a default)"
                            + also);
        }
        return result;
    }

    private JsonNode walk(JsonNode node, String path, List<String> missingPaths, List<String> missing) {
        if (node instanceof ObjectNode object) {
            for (String name : iterable(object)) {
                String child = path.isEmpty() ? name : path + "." + name;
                object.set(name, walk(object.get(name), child, missingPaths, missing));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), path + "[" + i + "]", missingPaths, missing));
            }
        } else if (node != null && node.isTextual()) {
            return replace(node.textValue(), path, missingPaths, missing);
        }
        return node;
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value with every reference replaced; adds the name of each unset variable to {@code missing}. */
    private JsonNode replace(String value, String path, List<String> missingPaths, List<String> missing) {
        Matcher m = REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        boolean escaped = false;
        while (m.find()) {
            any = true;
            String replacement;
            if (!m.group(1).isEmpty()) {
                escaped = true;
                replacement = "${" + m.group(2) + (m.group(3) != null ? ":-" + m.group(3) : "") + "}";
            } else {
                replacement = env.apply(m.group(2));
                if (replacement == null || replacement.isEmpty()) {
                    if (m.group(3) == null) {
                        missing.add(m.group(2));
                        missingPaths.add(path);
                    }
                    replacement = m.group(3) == null ? "" : m.group(3);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        if (!any) {
            return TextNode.valueOf(value);
        }
        m.appendTail(sb);
        boolean wholeValue = !escaped && REF.matcher(value).matches();
        return wholeValue && sb.length() == 0 ? NullNode.getInstance() : TextNode.valueOf(sb.toString());
    }
}
