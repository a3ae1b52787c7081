package dev.cutover.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

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
        if (locations.aliasKey() != null) {
            throw new ConfigException(
                    fileName,
                    locations.aliasLine(),
                    locations.aliasKey(),
                    "YAML anchors and aliases (&name / *name) are not supported; write the value out");
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
            throw ConfigErrors.syntaxError(fileName, e);
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
            throw ConfigErrors.unknownKeyFirst(fileName, tree, locations, e)
                    .orElseGet(() -> ConfigErrors.translate(fileName, locations, e));
        } catch (JsonProcessingException e) {
            throw ConfigErrors.syntaxError(fileName, e);
        }
    }
}
