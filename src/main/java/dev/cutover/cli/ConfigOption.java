package dev.cutover.cli;

import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.config.ServeRequirements;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option shared by every subcommand. Without it, the config is the YAML held
 * in the environment variable {@value #ENV} when that is set (an error when it is set but empty; how an ECS task gets it: the task
 * definition's {@code secrets} fills it from an SSM parameter or a Secrets Manager secret), else
 * the file {@code config/cutover.yml}.
 */
public final class ConfigOption {
    /** The environment variable that may hold the whole config as YAML. */
    public static final String ENV = "CUTOVER_CONFIG_YAML";

    /** The file read when neither {@code --config} nor {@value #ENV} is given. */
    static final Path DEFAULT_FILE = Path.of("config", "cutover.yml");

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The config file (default: the YAML in $$" + ENV + " when set, else " + "config/cutover.yml)."
                    + " $${ENV} and $${ENV:-default} are interpolated.")
    Path file;

    /** Where environment variables are read; replaced by tests. */
    Function<String, String> env = System::getenv;

    /**
     * Where the config comes from, as errors name it: the file's path, or {@code $CUTOVER_CONFIG_YAML}.
     */
    public String source() {
        return fromEnv() ? "$" + ENV : file().toString();
    }

    /** The config file's path ({@code --config}, or the default file). */
    public Path file() {
        return file != null ? file : DEFAULT_FILE;
    }

    private boolean fromEnv() {
        return file == null && env.apply(ENV) != null;
    }

    /**
     * Loads and validates the config.
     *
     * @throws ConfigException naming the file (or the variable), line and key of the first problem
     */
    public CutoverConfig load() {
        return load(c -> {});
    }

    /**
     * Loads the config and checks what {@code serve} needs too (the Slack secrets of its mode).
     *
     * @throws ConfigException naming the file (or the variable), line and key of the first problem
     */
    public CutoverConfig loadForServe() {
        return load(ServeRequirements::check);
    }

    /**
     * Loads the config and runs {@code check} on it, as {@link ConfigLoader#load(Path, Consumer)}.
     *
     * @throws ConfigException naming the file (or the variable), line and key of the first problem
     */
    public CutoverConfig load(Consumer<CutoverConfig> check) {
        ConfigLoader loader = new ConfigLoader(new EnvInterpolator(env));
        if (fromEnv() && env.apply(ENV).isBlank()) {
            // An empty secret or a task definition's typo must not quietly run the image's own file.
            throw new ConfigException(
                    source(),
                    0,
                    "",
                    ENV + " is set but empty; give it the config's YAML, or unset it to read " + DEFAULT_FILE
                            + " (or --config)");
        }
        return fromEnv() ? loader.parse(source(), env.apply(ENV), check) : loader.load(file(), check);
    }
}
