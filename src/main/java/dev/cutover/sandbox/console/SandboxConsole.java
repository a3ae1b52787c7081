package dev.cutover.sandbox.console;

import dev.cutover.chat.text.PlainTextRenderer;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SwapPairConfig;
import dev.cutover.sandbox.SlackListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's Slack client in a terminal: forges signed Slack payloads to the bot's HTTP endpoint
 * from what people type, and shows what the in-process Slack receives. Create it first, hand its
 * {@link #screen()} to the in-process Slack, then {@link #run} it on the started sandbox.
 */
public final class SandboxConsole {
    private final CutoverConfig config;
    private final PrintStream out;
    private final String channel;
    private final ConsoleScreen screen;

    private SandboxConsole(CutoverConfig config, PrintStream out, PlainTextRenderer renderer) {
        this.config = config;
        this.out = out;
        this.channel = channel(config);
        this.screen = new ConsoleScreen(out, renderer);
    }

    /**
     * A console for {@code config}'s users, groups and channel, printing to {@code out}.
     *
     * @param config the pairs, users and groups (the built-in sandbox config or the user's)
     * @param renderer renders what the bot says, naming users, groups and the channel as {@link
     *     #displayNames} gives them
     */
    public static SandboxConsole create(CutoverConfig config, PrintStream out, PlainTextRenderer renderer) {
        return new SandboxConsole(config, out, renderer);
    }

    /**
     * The console's names for Slack ids: each user id to its console name, each group to
     * {@code <id> (group)}, and the sandbox channel to {@code sandbox}.
     */
    public static Map<String, String> displayNames(CutoverConfig config) {
        Map<String, String> names = new HashMap<>();
        config.sandbox().users().forEach((name, id) -> names.put(id, name));
        config.sandbox().groups().keySet().forEach(g -> names.putIfAbsent(g, g + " (group)"));
        names.put(channel(config), "sandbox");
        return names;
    }

    /** The screen: hears everything the bot sends to the in-process Slack. */
    public SlackListener screen() {
        return screen;
    }

    /**
     * Runs the console over {@code in} until it ends, then stops printing: what the bot says while
     * the sandbox shuts down is not part of the session.
     *
     * @param sandbox the started sandbox
     * @param script echo lines and stop at the first failure
     * @return the exit status: 0 when every step succeeded
     */
    public int run(ConsoleTarget sandbox, BufferedReader in, boolean script) throws IOException {
        ConsoleSession session = new ConsoleSession(sandbox, screen, out, channel);
        warnAboutPairsNobodyCanApprove(config, out);
        if (!script) {
            out.println("cutover sandbox: a simulated AWS account and Slack workspace on this machine. Type help.");
            String pair =
                    config.pairs().isEmpty() ? "<pair>" : config.pairs().get(0).name();
            out.println("Try: /swap " + pair + "   then: as <an approver>   then: click approve   then: state");
        }
        int status = session.run(in, script);
        screen.mute();
        return status;
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
