package dev.cutover.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.core.chat.Button;
import dev.cutover.sandbox.SandboxSlackApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One session at the sandbox's Slack client: people type what they would type in Slack
 * ({@code /swap blue-green}) as a chosen user ({@code as bob}), click buttons ({@code click
 * approve}) and see the bot's messages as text. Every line becomes a real, signed Slack request to
 * the bot. In script mode a failed step or a failed {@code expect} ends the run with exit status 1.
 */
final class ConsoleSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleTarget sandbox;
    private final ConsoleScreen screen;
    private final PrintStream out;
    private final Map<String, String> users;
    private final String channel;
    private final SlackPayloads payloads = new SlackPayloads(SandboxSlackApi.TEAM_ID);
    private String user;
    private @Nullable ObjectNode openDialog; // the modal the last click opened, until submitted

    ConsoleSession(ConsoleTarget sandbox, ConsoleScreen screen, PrintStream out, String channel) {
        this.sandbox = sandbox;
        this.screen = screen;
        this.out = out;
        this.users = sandbox.config().sandbox().users();
        this.channel = channel;
        this.user = users.keySet().iterator().next();
    }

    /**
     * Runs lines from {@code in} until it ends or {@code quit}.
     *
     * @param script echo each line and stop at the first failed step
     * @return 0 when every step succeeded, 1 otherwise
     */
    public int run(BufferedReader in, boolean script) throws IOException {
        int status = 0;
        if (!script) {
            out.print(user + "> ");
            out.flush();
        }
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String l = line.strip();
            if (l.equals("quit") || l.equals("exit")) {
                break;
            }
            if (script && !l.isEmpty()) {
                out.println(l.startsWith("#") ? l : user + "> " + l);
            }
            if (!execute(l)) {
                status = 1;
                if (script) {
                    out.println("FAILED at: " + l);
                    break;
                }
            }
            if (!script) {
                out.print(user + "> ");
                out.flush();
            }
        }
        return status;
    }

    /** Runs one console line; returns false when it failed. */
    boolean execute(String line) throws IOException {
        if (line.isEmpty() || line.startsWith("#")) {
            return true;
        }
        String[] w = line.split("\\s+", 2);
        String rest = w.length > 1 ? w[1].strip() : "";
        if (!w[0].equals("expect") && !w[0].equals("await")) {
            screen.clearTranscript();
        }
        boolean ok =
                switch (w[0]) {
                    case "help" -> say(ConsoleHelp.TEXT);
                    case "users" -> say(usersText());
                    case "as" -> as(rest);
                    case "state" -> say(new SimulatedRecords(sandbox).state());
                    case "drift" -> new SimulatedRecords(sandbox).drift(rest, screen::print);
                    case "queue", "service", "traffic" -> new SimulatedMetrics(sandbox)
                            .apply(w[0], rest, screen::print);
                    case "alarm" -> new SimulatedAlarms(sandbox).raise(rest, screen::print);
                    case "click" -> click(rest);
                    case "home" -> home();
                    case "slack-calls" -> say(
                            String.join("\n", sandbox.slack().calls().table()));
                    case "reason" -> reason(rest);
                    case "expect" -> expect(rest);
                    case "await" -> await(rest);
                    default -> w[0].startsWith("/")
                            ? slash(w[0], rest)
                            : fail("unknown console command `" + w[0] + "`; type help");
                };
        return settle() && ok;
    }

    private boolean slash(String command, String text) throws IOException {
        List<String> known = sandbox.bot().commands().stream().map(c -> "/" + c).toList();
        if (!known.contains(command)) {
            // Slack itself answers an unknown command, before any app sees it.
            return fail(command + " is not a command of this app; its commands: " + String.join(", ", known));
        }
        String body = payloads.slashCommand(
                command, text, userId(), user, channel, sandbox.slack().newResponseUrl());
        return acked(sandbox.requests().send(body));
    }

    private boolean click(String args) throws IOException {
        if (args.isBlank()) {
            return fail("usage: click <button number or label> [reason], e.g. click approve");
        }
        Optional<Map.Entry<ConsoleScreen.ShownButton, String>> found = screen.button(args);
        if (found.isEmpty()) {
            return fail("no button `" + args + "` on screen");
        }
        Optional<ConsoleScreen.ShownButton> b = Optional.of(found.get().getKey());
        String reasonText = found.get().getValue();
        Button.Confirm confirm = b.get().button().confirm();
        if (confirm != null) {
            screen.print("(Slack asks \"" + confirm.title() + "\": " + confirm.confirm() + ")");
        }
        String trigger = payloads.nextTrigger();
        JsonNode message =
                b.get().ts() == null ? null : sandbox.slack().message(b.get().ts());
        boolean home = b.get().home();
        String body = payloads.blockActions(
                b.get().button(),
                userId(),
                user,
                home ? null : channel,
                message,
                home ? null : sandbox.slack().newResponseUrl(),
                trigger);
        boolean ok = acked(sandbox.requests().send(body));
        settle();
        openDialog = screen.takeView(trigger).orElse(null);
        if (openDialog != null && reasonText.isEmpty()) {
            screen.print("(answer it with: reason <text>)");
        }
        return ok && (openDialog == null || reasonText.isEmpty() || reason(reasonText));
    }

    private boolean reason(String text) throws IOException {
        if (openDialog == null) {
            return fail("no dialog is open");
        }
        if (text.isBlank()) {
            return fail("type the reason: reason <text>");
        }
        screen.print("(you type \"" + text + "\" and press Submit)");
        HttpResponse<String> r = sandbox.requests().send(payloads.viewSubmission(openDialog, userId(), user, text));
        if (r.statusCode() != 200) {
            return fail("the bot answered HTTP " + r.statusCode());
        }
        JsonNode ack = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if ("errors".equals(ack.path("response_action").asText())) {
            ack.path("errors")
                    .forEach(e -> screen.print("(the dialog says: " + e.asText().replace("*", "") + ")"));
            return true;
        }
        openDialog = null;
        screen.print("(the dialog closes)");
        return true;
    }

    /** Opens the current user's Home tab (a signed app_home_opened event) and shows it once published. */
    private boolean home() throws IOException {
        if (!acked(sandbox.requests().sendEvent(payloads.homeOpened(userId())))) {
            return false;
        }
        settle();
        return screen.showHome(userId()) || fail("the bot published no Home for " + user);
    }

    private boolean acked(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) {
            return fail("the bot answered HTTP " + r.statusCode() + ": " + r.body());
        }
        if (!r.body().isBlank() && r.body().strip().startsWith("{")) {
            screen.ack(JSON.readTree(r.body()));
        }
        return true;
    }

    private boolean expect(String text) {
        if (screen.transcript().contains(text)) {
            out.println("  ok: saw \"" + text + "\"");
            return true;
        }
        return fail("expected to see \"" + text + "\"");
    }

    /** How long {@code await} waits for its text: a demo's compressed bakes take seconds. */
    private static final Duration AWAIT = Duration.ofSeconds(60);

    /** Like {@code expect}, but waits (up to {@link #AWAIT}) for work the bot does on its own timers. */
    private boolean await(String text) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!screen.transcript().contains(text)) {
            if (System.nanoTime() > deadline) {
                return fail("waited " + AWAIT.toSeconds() + " s to see \"" + text + "\"");
            }
            // The console is interactive: a short park while the bot's timers run costs nothing.
            LockSupport.parkNanos(50_000_000);
        }
        out.println("  ok: saw \"" + text + "\"");
        return true;
    }

    private boolean as(String name) {
        Optional<String> found = users.containsKey(name)
                ? Optional.of(name)
                : users.entrySet().stream()
                        .filter(e -> e.getValue().equals(name))
                        .map(Map.Entry::getKey)
                        .findFirst();
        if (found.isEmpty()) {
            return fail("unknown user `" + name + "`; " + usersText());
        }
        user = found.get();
        return say("(you are now " + user + ", " + users.get(user) + ")");
    }

    private boolean settle() {
        if (!sandbox.bot().awaitIdle(Duration.ofSeconds(60))) {
            return fail("the bot is still busy after 60 s");
        }
        return true;
    }

    private String userId() {
        return users.get(user);
    }

    private String usersText() {
        return "users: "
                + String.join(
                        ", ",
                        users.entrySet().stream()
                                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                                .toList());
    }

    private boolean say(String text) {
        Arrays.stream(text.split("\n")).forEach(screen::print);
        return true;
    }

    private boolean fail(String why) {
        screen.print("error: " + why);
        return false;
    }
}
