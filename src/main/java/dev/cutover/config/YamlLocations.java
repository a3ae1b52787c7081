package dev.cutover.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item in a YAML document, by key path ({@code pairs[0].zoneId}), so
 * that a problem found after binding can still name its line.
 */
final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();
    private boolean anyToken;
    private boolean unreadable;
    private String duplicateKey;
    private int duplicateLine;
    private String aliasKey;
    private int aliasLine;

    private YamlLocations() {}

    /** Indexes {@code yaml}; a document that does not parse gives an empty index. */
    static YamlLocations index(String yaml) {
        YamlLocations idx = new YamlLocations();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            idx.walk(p);
        } catch (IOException | RuntimeException e) {
            // Syntax errors are reported by the binding pass, which has the parser's own message.
            idx.unreadable = true;
        }
        return idx;
    }

    /** True for a document without content (empty, or only comments), which means all defaults. */
    boolean isEmpty() {
        return !anyToken && !unreadable;
    }

    /**
     * The path of the first key that appears twice in one mapping, or null. Jackson binds the last
     * one silently; a repeated {@code approvers:} must not quietly replace the first.
     */
    String duplicateKey() {
        return duplicateKey;
    }

    /** The line of the second occurrence of {@link #duplicateKey()}. */
    int duplicateLine() {
        return duplicateLine;
    }

    /**
     * The path of the first value that carries a YAML anchor ({@code &name}) or is an alias ({@code
     * *name}), or null. Jackson's tree reader turns an alias into the plain string {@code appr},
     * which binding then reports as a wrong type far from the cause, so they are refused instead.
     */
    String aliasKey() {
        return aliasKey;
    }

    /** The line of {@link #aliasKey()}. */
    int aliasLine() {
        return aliasLine;
    }

    /** The 1-based line of {@code key} or of its nearest indexed parent; 0 when nothing matches. */
    int lineOf(String key) {
        String k = key;
        while (!k.isEmpty()) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
            k = cut > 0 ? k.substring(0, cut) : "";
        }
        return 0;
    }

    /** The longest key path that starts on {@code line}, or empty when none does. */
    String keyAt(int line) {
        return lines.entrySet().stream()
                .filter(e -> e.getValue() == line)
                .map(Map.Entry::getKey)
                .max(java.util.Comparator.comparingInt(String::length))
                .orElse("");
    }

    private void walk(JsonParser p) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        String pendingField = null;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            anyToken = true;
            int line = p.currentLocation().getLineNr();
            if (t == JsonToken.FIELD_NAME) {
                pendingField = p.currentName();
                String path = join(stack, pendingField);
                int keyLine = p.currentTokenLocation().getLineNr();
                // Paths are unique per mapping (list items are indexed), so a repeat is a duplicate key.
                noteAlias(p, path, keyLine);
                Integer first = lines.put(path, keyLine);
                if (first != null && duplicateKey == null) {
                    duplicateKey = path;
                    duplicateLine = keyLine;
                    lines.put(path, first);
                }
                continue;
            }
            String here = stack.isEmpty() ? "" : childPath(stack, pendingField, line);
            pendingField = null;
            noteAlias(p, here, p.currentTokenLocation().getLineNr());
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                stack.push(new Frame(here, t == JsonToken.START_ARRAY));
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                stack.pop();
            }
        }
    }

    private void noteAlias(JsonParser p, String path, int line) {
        if (aliasKey == null && p instanceof YAMLParser y && (y.isCurrentAlias() || y.getCurrentAnchor() != null)) {
            aliasKey = path;
            aliasLine = line;
        }
    }

    private String childPath(Deque<Frame> stack, String field, int line) {
        Frame parent = stack.peek();
        if (parent.array) {
            String path = parent.path + "[" + parent.next++ + "]";
            lines.putIfAbsent(path, line);
            return path;
        }
        return join(stack, field);
    }

    private static String join(Deque<Frame> stack, String field) {
        String parent = stack.isEmpty() ? "" : stack.peek().path;
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int next;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }
}
