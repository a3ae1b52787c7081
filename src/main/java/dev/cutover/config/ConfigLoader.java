package dev.cutover.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads {@link CutoverConfig} from YAML: parses it, interpolates {@code ${ENV}} references inside
 * the parsed string values ({@link EnvInterpolator}), binds with Jackson
 * (unknown keys are errors, so a typo is never silently ignored) and reports every problem as a
 * {@link ConfigException} naming the file, line and key.
 */
public final class ConfigLoader {
    private final EnvInterpolator env;
    private final YAMLMapper mapper;

    /** @param env the interpolator for {@code ${NAME}} references */
    public ConfigLoader(EnvInterpolator env) {
        this.env = env;
        this.mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
                .build();
    }

    /**
     * Reads and validates the file at {@code path}.
     *
     * @throws ConfigException when the file is missing, unreadable or invalid
     */
    public CutoverConfig load(Path path) {
        return load(path, c -> {});
    }

    /**
     * Reads and validates the file at {@code path}, then runs {@code check} on the result: a check
     * that throws {@link ConfigException#invalid} (with a full key path such as
     * {@code slack.appToken}) is reported with the file and line like any other problem.
     *
     * @throws ConfigException when the file is missing, unreadable or invalid
     */
    public CutoverConfig load(Path path, Consumer<CutoverConfig> check) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    path.toString(),
                    0,
                    "",
                    "no such file (config/cutover.example.yml is an example"
                            + " to copy; --config names another file)");
        } catch (IOException e) {
            throw new ConfigException(path.toString(), 0, "", "cannot read: " + e.getMessage());
        }
        return parse(path.toString(), text, check);
    }

    /**
     * Validates {@code yaml} as if read from a file called {@code fileName}.
     *
     * @throws ConfigException when the text is invalid
     */
    public CutoverConfig parse(String fileName, String yaml) {
        return parse(fileName, yaml, c -> {});
    }

    /**
     * Validates {@code yaml} as if read from {@code fileName}, then runs {@code check} as {@link
     * #load(Path, java.util.function.Consumer)} does.
     *
     * @throws ConfigException when the text is invalid
     */
    public CutoverConfig parse(String fileName, String yaml, Consumer<CutoverConfig> check) {
        YamlLocations locations = YamlLocations.index(yaml);
        if (locations.duplicateKey() != null) {
            throw new ConfigException(
                    fileName,
                    locations.duplicateLine(),
                    locations.duplicateKey(),
                    "duplicate key (first on line " + locations.lineOf(locations.duplicateKey())
                            + "); each key may appear once");
        }
        CutoverConfig config = bind(fileName, yaml, locations);
        try {
            check.accept(config);
        } catch (ConfigException.InvalidValue iv) {
            throw new ConfigException(fileName, locations.lineOf(iv.key()), iv.key(), iv.problem());
        }
        return config;
    }

    private CutoverConfig bind(String fileName, String text, YamlLocations locations) {
        JsonNode tree;
        try {
            // Parse the whole document first: binding streams, so a record's own check would run
            // (and be reported) before a syntax error further down was ever read.
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, e);
        }
        // Environment values go into parsed string values, never into the YAML text: a secret is
        // data, whatever YAML syntax it holds.
        tree = env.interpolate(fileName, tree, locations);
        try {
            // Only comments (no keys), or an empty document: every default.
            CutoverConfig config = locations.isEmpty() || tree == null || tree.isMissingNode()
                    ? null
                    : mapper.treeToValue(tree, CutoverConfig.class);
            return config != null ? config : mapper.readValue("{}", CutoverConfig.class);
        } catch (JsonMappingException e) {
            throw unknownKeyFirst(fileName, tree, locations, e).orElseGet(() -> translate(fileName, locations, e));
        } catch (JsonProcessingException e) {
            throw syntaxError(fileName, e);
        }
    }

    private static ConfigException syntaxError(String fileName, JsonProcessingException e) {
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
    private Optional<ConfigException> unknownKeyFirst(
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

    private static ConfigException translate(String file, YamlLocations loc, JsonMappingException e) {
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
