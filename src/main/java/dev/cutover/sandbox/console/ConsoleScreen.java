package dev.cutover.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.chat.slack.BlockKitReader;
import dev.cutover.chat.text.PlainTextRenderer;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.sandbox.SlackListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The screen of the sandbox's Slack client: hears what the bot sends to the in-process Slack (Block
 * Kit JSON), reads it back into reply data and shows it as terminal text, as a Slack client would
 * show channel messages, in-place updates, thread replies, ephemeral answers and modals. Numbers the
 * buttons it shows so the console can click them, and keeps a transcript for {@code expect}.
 */
final class ConsoleScreen implements SlackListener {
    /**
     * A button on screen and the message holding it ({@code channel} and {@code ts} null: an
     * ephemeral message, or the Home when {@code home}).
     */
    record ShownButton(int number, Button button, @Nullable String channel, @Nullable String ts, boolean home) {
        String label() {
            return button.label();
        }
    }

    private final PrintStream out;
    private final PlainTextRenderer renderer;
    private final Map<Integer, ShownButton> buttons = new LinkedHashMap<>();
    private final Map<String, ObjectNode> openedViews = new LinkedHashMap<>();
    private final Map<String, ObjectNode> homes = new HashMap<>();
    private final StringBuilder transcript = new StringBuilder();
    private final Map<String, List<String>> shown = new HashMap<>();
    private boolean muted;
    private int nextButton = 1;

    ConsoleScreen(PrintStream out, PlainTextRenderer renderer) {
        this.out = out;
        this.renderer = renderer;
    }

    @Override
    public synchronized void posted(String channel, String ts, @Nullable String threadTs, ObjectNode message) {
        if (threadTs != null) {
            show("  ↳ ", message, channel, ts);
        } else {
            print("[" + renderer.plain("<#" + channel + ">") + "] bot:");
            show("  ", message, channel, ts);
        }
    }

    @Override
    public synchronized void updated(String channel, String ts, ObjectNode message) {
        List<String> unchanged = renderer.render(BlockKitReader.read(message), b -> 0).stream()
                .map(ConsoleScreen::withoutNumbers)
                .toList();
        if (unchanged.equals(shown.get(ts))) {
            return; // an update that changes nothing a person would see; its buttons keep their numbers
        }
        buttons.values().removeIf(b -> ts.equals(b.ts()));
        List<String> lines = render(message, channel, ts);
        print("[" + renderer.plain("<#" + channel + ">") + "] bot (message updated):");
        lines.forEach(l -> print("  " + l));
    }

    @Override
    public synchronized void ephemeral(String user, ObjectNode message) {
        print("(only " + renderer.plain("<@" + user + ">") + " sees this)");
        show("  ", message, null, null);
    }

    @Override
    public synchronized void viewOpened(String triggerId, ObjectNode view) {
        openedViews.put(triggerId, view);
        print("(a dialog opens: " + view.path("title").path("text").asText() + ")");
        for (JsonNode b : view.path("blocks")) {
            if (b.has("text")) {
                print("  " + renderer.plain(b.path("text").path("text").asText()));
            }
        }
    }

    @Override
    public synchronized void homePublished(String user, ObjectNode view) {
        // Not printed: a Home is re-published on every change while its user looks; `home` shows it.
        homes.put(user, view);
    }

    /**
     * Shows the Home last published to {@code userId}, numbering its buttons (a click on one is a
     * click on the Home).
     *
     * @return false when none was published
     */
    synchronized boolean showHome(String userId) {
        ObjectNode view = homes.get(userId);
        if (view == null) {
            return false;
        }
        print("(your Home tab of the app:)");
        buttons.values().removeIf(ShownButton::home);
        render(view, null, null, true).forEach(line -> print("  " + line));
        return true;
    }

    @Override
    public synchronized void responded(JsonNode response) {
        ack(response);
    }

    /** Shows an ack or a response_url body: ephemeral text for the user, or a replacement. */
    synchronized void ack(JsonNode response) {
        if (response == null
                || (response.path("text").asText().isEmpty()
                        && response.path("blocks").isEmpty())) {
            return;
        }
        print(
                response.path("replace_original").asBoolean(false)
                        ? "(your message is replaced)"
                        : "(only you see this)");
        show("  ", (ObjectNode) response, null, null);
    }

    /** Prints a line of the console's own and adds it to the transcript. */
    synchronized void print(String line) {
        if (muted) {
            return;
        }
        out.println(line);
        transcript.append(line).append('\n');
    }

    /**
     * The button that {@code args} names and what follows it: a number, or the newest button whose
     * label (case-insensitive, possibly several words, e.g. "roll back") starts {@code args}.
     *
     * @return the button and the rest of {@code args} (a reason), or empty when none matches
     */
    synchronized Optional<Map.Entry<ShownButton, String>> button(String args) {
        String[] w = args.split("\\s+", 2);
        if (w[0].matches("\\d+")) {
            return Optional.ofNullable(buttons.get(Integer.parseInt(w[0])))
                    .map(b -> Map.entry(b, w.length > 1 ? w[1] : ""));
        }
        String lower = args.toLowerCase();
        ShownButton best = null;
        for (ShownButton b : buttons.values()) {
            String label = b.label().toLowerCase();
            boolean names = lower.equals(label) || lower.startsWith(label + " ");
            if (names && (best == null || label.length() >= best.label().length())) {
                best = b; // later buttons are newer: on equal labels the newest wins
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(
                        Map.entry(best, args.substring(best.label().length()).strip()));
    }

    /** The modal opened for {@code triggerId}, removing it. */
    synchronized Optional<ObjectNode> takeView(String triggerId) {
        return Optional.ofNullable(openedViews.remove(triggerId));
    }

    /** Everything printed since the last {@link #clearTranscript()}. */
    synchronized String transcript() {
        return transcript.toString();
    }

    /** Stops printing: what the bot says while shutting down is not part of the session. */
    synchronized void mute() {
        muted = true;
    }

    synchronized void clearTranscript() {
        transcript.setLength(0);
    }

    private void show(String indent, JsonNode message, @Nullable String channel, @Nullable String ts) {
        render(message, channel, ts).forEach(line -> print(indent + line));
    }

    private static String withoutNumbers(String line) {
        return line.replaceAll("\\[\\d+ ", "[");
    }

    /** Renders {@code message}, numbering its buttons; remembers the text of channel messages. */
    private List<String> render(JsonNode message, @Nullable String channel, @Nullable String ts) {
        return render(message, channel, ts, false);
    }

    private List<String> render(JsonNode message, @Nullable String channel, @Nullable String ts, boolean home) {
        Message read = BlockKitReader.read(message);
        List<String> lines = renderer.render(read, b -> {
            int n = nextButton++;
            buttons.put(n, new ShownButton(n, b, channel, ts, home));
            return n;
        });
        if (ts != null) {
            // Compared without button numbers, which change on every render.
            shown.put(ts, lines.stream().map(ConsoleScreen::withoutNumbers).toList());
        }
        return lines;
    }
}
