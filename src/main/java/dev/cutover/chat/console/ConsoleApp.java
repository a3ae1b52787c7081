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
            warnAboutPairsNobodyCanApprove(config, out);
            if (!script) {
                out.println("cutover sandbox: a simulated AWS account and Slack workspace on this machine. Type help.");
                String pair = config.pairs().isEmpty()
                        ? "<pair>"
                        : config.pairs().get(0).name();
                out.println("Try: /swap " + pair + "   then: as <an approver>   then: click approve   then: state");
            }
            int status = console.run(in, script);
            screen.mute();
            return status;
        }
    }

    /** A config without a matching {@code sandbox:} section leaves a pair no console user can approve. */
    private static void warnAboutPairsNobodyCanApprove(CutoverConfig config, PrintStream out) {
        java.util.Set<String> users =
                java.util.Set.copyOf(config.sandbox().users().values());
        for (SwapPairConfig p : config.pairs()) {
            boolean someone = p.approvers().stream()
                    .anyMatch(a -> users.contains(a)
                            || config.sandbox().groups().getOrDefault(a, java.util.List.of()).stream()
                                    .anyMatch(users::contains));
            if (!someone) {
                out.println("note: no console user can approve " + p.name() + " (approvers " + p.approvers()
                        + "); name your users in a sandbox: section, see the README");
            }
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
