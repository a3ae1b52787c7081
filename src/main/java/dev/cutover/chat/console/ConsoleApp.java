package dev.cutover.chat.console;

import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.sandbox.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Starts a {@link Sandbox} with a {@link Console} on it. */
public final class ConsoleApp {
    private ConsoleApp() {}

    /**
     * Runs the console over {@code in} until it ends.
     *
     * @param config the pairs, users and groups (the built-in sandbox config or the user's)
     * @param script echo lines and stop at the first failure
     * @return the exit status: 0 when every step succeeded
     */
    public static int run(CutoverConfig config, BufferedReader in, PrintStream out, boolean script) throws IOException {
        Map<String, String> names = new HashMap<>();
        config.sandbox().users().forEach((name, id) -> names.put(id, name));
        config.sandbox().groups().keySet().forEach(g -> names.putIfAbsent(g, g + " (group)"));
        String channel = channel(config);
        names.put(channel, "sandbox");
        ConsoleScreen screen = new ConsoleScreen(out, new ConsoleRenderer(names));
        try (Sandbox sandbox = new Sandbox(config, Clock.systemUTC(), screen)) {
            Console console = new Console(sandbox, screen, out, channel);
            if (!script) {
                out.println("cutover sandbox: a simulated AWS account and Slack workspace on this machine. Type help.");
                out.println("Try: /swap blue-green   then: as bob   then: click approve   then: state");
            }
            int status = console.run(in, script);
            screen.mute();
            return status;
        }
    }

    private static String channel(CutoverConfig config) {
        if (config.sandbox().channel() != null) {
            return config.sandbox().channel();
        }
        return config.pairs().stream()
                .map(SwapPairConfig::channels)
                .filter(c -> !c.isEmpty())
                .map(c -> c.get(0))
                .findFirst()
                .orElse("C0SANDBOX");
    }
}
