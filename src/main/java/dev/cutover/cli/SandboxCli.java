package dev.cutover.cli;

import dev.cutover.app.SandboxWiring;
import dev.cutover.config.ConfigException;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sandbox}: the whole bot in the terminal, without Slack or AWS. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "Run the bot in the terminal against a simulated AWS account and Slack workspace.",
            "Type what you would type in Slack (/swap blue-green), switch users (as bob), press buttons (click approve)."
        })
public final class SandboxCli implements Callable<Integer> {
    /** The built-in config: one pair, blue-green, and four users. */
    static final String BUILT_IN = "/sandbox/cutover-sandbox.yml";

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Use your own pairs and users instead of the built-in demo config.")
    @Nullable
    Path config; // null: the built-in config

    @Option(
            names = "--script",
            paramLabel = "FILE",
            description =
                    "Run console lines from FILE (- for standard input), print the transcript, exit 1 on a failed step.")
    @Nullable
    String script; // null: an interactive console

    @Option(
            names = "--production-pacing",
            description =
                    "Re-publish Home tabs as serve does (once per user per 15 s), not every 2 s: for slack-calls.")
    boolean productionPacing;

    @Override
    public Integer call() throws IOException {
        CutoverConfig c;
        try {
            c = load();
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (script == null) {
            return SandboxWiring.runConsole(c, reader(System.in), System.out, false, productionPacing);
        }
        if (script.equals("-")) {
            return SandboxWiring.runConsole(c, reader(System.in), System.out, true, productionPacing);
        }
        Path file = Path.of(script);
        if (!Files.isReadable(file)) {
            System.err.println("cannot read script " + file);
            return ExitCodes.USAGE;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return SandboxWiring.runConsole(c, in, System.out, true, productionPacing);
        }
    }

    private CutoverConfig load() throws IOException {
        ConfigLoader loader = new ConfigLoader(EnvInterpolator.system());
        if (config != null) {
            return loader.load(config);
        }
        try (InputStream in = SandboxCli.class.getResourceAsStream(BUILT_IN)) {
            return loader.parse("(built-in sandbox config)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
