package dev.cutover.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's and SnakeYAML's exceptions into {@link ConfigException}s that name the file, the
 * line and the key path, and say what is allowed instead.
 */
final class ConfigErrors {
    private ConfigErrors() {}

    static ConfigException syntaxError(String fileName, JsonProcessingException e) {
        // SnakeYAML marks where the problem is; Jackson's location is the last token it read.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return new ConfigException(
                        fileName, m.getProblemMark().getLine() + 1, "", "not valid YAML: " + m.getProblem());
            }
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new ConfigException(fileName, line, "", "not valid YAML: " + e.getOriginalMessage());
    }

    /**
     * Jackson builds a record before it reports the record's unknown keys, so a misspelt key
     * ({@code treshold:}) would surface as its correctly spelt twin being "required". When building
     * a record failed, report an unknown key of that record first.
     */
    static Optional<ConfigException> unknownKeyFirst(
            String file, JsonNode tree, YamlLocations loc, JsonMappingException e) {
        if (!(e instanceof ValueInstantiationException vie)
                || !vie.getType().getRawClass().isRecord()) {
            return Optional.empty();
        }
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        Set<String> allowed = new TreeSet<>();
        Class<?> type = vie.getType().getRawClass();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            allowed.add(c.getName());
        }
        // A polymorphic record's type id (e.g. a job target's `type:`) is a key too, not a component.
        for (Class<?> parent : type.getInterfaces()) {
            com.fasterxml.jackson.annotation.JsonTypeInfo info =
                    parent.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
            if (info != null) {
                allowed.add(info.property().isEmpty() ? info.use().getDefaultPropertyName() : info.property());
            }
        }
        String path = pathOf(e);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                String key = path.isEmpty() ? name : path + "." + name;
                return Optional.of(new ConfigException(
                        file, loc.lineOf(key), key, "unknown key; allowed here: " + String.join(", ", allowed)));
            }
        }
        return Optional.empty();
    }

    static ConfigException translate(String file, YamlLocations loc, JsonMappingException e) {
        String path = pathOf(e);
        if (e instanceof ValueInstantiationException && rootCause(e) instanceof ConfigException.InvalidValue iv) {
            String key = path.isEmpty() ? iv.key() : path + "." + iv.key();
            return new ConfigException(file, loc.lineOf(key), key, iv.problem());
        }
        int line = loc.lineOf(path);
        if (line == 0 && e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            line = e.getLocation().getLineNr();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String allowed = u.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .collect(Collectors.joining(", "));
            return new ConfigException(file, line, path, "unknown key; allowed here: " + allowed);
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigException(file, line, path, "expected " + describe(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new ConfigException(file, line, path, "expected " + describe(m.getTargetType()));
        }
        return new ConfigException(file, line, path, e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of: ");
            for (int i = 0; i < values.length; i++) {
                sb.append(i > 0 ? ", " : "")
                        .append(values[i].toString().toLowerCase().replace('_', '-'));
            }
            return sb.toString();
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 90s, 15m, 2h";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "a string" : "a mapping of keys (" + type.getSimpleName() + ")";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
