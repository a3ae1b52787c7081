package dev.cutover.cli;

import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.ServeRequirements;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every subcommand. */
public final class ConfigOption {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "config/cutover.yml",
            description = "The config file (default: ${DEFAULT-VALUE}). $${ENV} and $${ENV:-default} are interpolated.")
    Path file;

    /** The config file's path. */
    public Path file() {
        return file;
    }

    /**
     * Loads and validates the file.
     *
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public CutoverConfig load() {
        return new ConfigLoader(EnvInterpolator.system()).load(file);
    }

    /**
     * Loads the file and checks what {@code serve} needs too (the Slack secrets of its mode).
     *
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public CutoverConfig loadForServe() {
        return new ConfigLoader(EnvInterpolator.system()).load(file, ServeRequirements::check);
    }
}
