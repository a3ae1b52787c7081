package dev.cutover.chat.text;

import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders reply data ({@link Message}) as terminal lines, the text medium beside Slack's Block Kit:
 * headers as {@code == title ==}, sections and fields as plain text, context lines as
 * {@code · text}, code verbatim and buttons as {@code [label]}. mrkdwn becomes plain text: mentions
 * and channel links become names, dates their fallback text, emoji shortcodes emoji, and bold marks
 * and Slack's HTML entities are dropped.
 *
 * @see <a href="https://api.slack.com/reference/surfaces/formatting">Formatting text for app surfaces</a>
 */
public final class PlainTextRenderer {
    private static final Pattern REF = Pattern.compile("<([@#!])([^>|]*)(?:\\|([^>]*))?>");
    /** A link, {@code <https://...|label>}: shown as {@code label (https://...)}. */
    private static final Pattern LINK = Pattern.compile("<(https?://[^>|]+)(?:\\|([^>]*))?>");

    private static final Pattern BOLD = Pattern.compile("\\*(\\S(?:[^*\\n]*\\S)?)\\*");
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]+:");

    private final Map<String, String> names;

    /** @param names user, group and channel IDs to the names shown for them (absent: the id) */
    public PlainTextRenderer(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** A renderer that shows mentioned users, groups and channels by their ids. */
    public static PlainTextRenderer withoutNames() {
        return new PlainTextRenderer(Map.of());
    }

    /** The lines of {@code message}, its buttons shown as {@code [label]}. */
    public List<String> render(Message message) {
        return render(message, null);
    }

    /**
     * The lines of {@code message}; its fallback text when it has no blocks.
     *
     * @param number called for each button in order, returns the number shown as {@code [n label]};
     *     null shows {@code [label]}
     */
    public List<String> render(Message message, @Nullable ToIntFunction<Button> number) {
        List<String> out = new ArrayList<>();
        if (message.blocks().isEmpty()) {
            lines(plain(message.text()), out::add);
            return out;
        }
        for (Block b : message.blocks()) {
            block(b, number, out);
        }
        return out;
    }

    private void block(Block b, @Nullable ToIntFunction<Button> number, List<String> out) {
        if (b instanceof Block.Header h) {
            out.add("== " + h.text() + " ==");
        } else if (b instanceof Block.Section s) {
            lines(plain(s.markdown()), out::add);
        } else if (b instanceof Block.Fields f) {
            for (String field : f.markdown()) {
                // A field is "*Label*\nvalue": one line "Label: value".
                String[] kv = plain(field).split("\n", 2);
                out.add(kv.length == 2 ? kv[0] + ": " + kv[1].replace("\n", " ") : kv[0]);
            }
        } else if (b instanceof Block.Context c) {
            lines(plain(c.markdown()), l -> out.add("  · " + l));
        } else if (b instanceof Block.Code c) {
            lines(c.text(), out::add);
        } else if (b instanceof Block.Actions a) {
            out.add(buttons(a.buttons(), number));
        } else {
            out.add("----");
        }
    }

    private static String buttons(List<Button> buttons, @Nullable ToIntFunction<Button> number) {
        StringBuilder sb = new StringBuilder();
        for (Button b : buttons) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append('[');
            if (number != null) {
                sb.append(number.applyAsInt(b)).append(' ');
            }
            sb.append(b.label()).append(']');
        }
        return sb.toString();
    }

    /** Plain text for mrkdwn: references resolved, emoji shown, bold and code marks dropped. */
    public String plain(String mrkdwn) {
        Matcher m = REF.matcher(mrkdwn == null ? "" : mrkdwn);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(reference(m.group(1), m.group(2), m.group(3))));
        }
        m.appendTail(sb);
        Matcher link = LINK.matcher(sb.toString());
        StringBuilder linked = new StringBuilder();
        while (link.find()) {
            String label = link.group(2);
            link.appendReplacement(
                    linked,
                    Matcher.quoteReplacement(label == null ? link.group(1) : label + " (" + link.group(1) + ")"));
        }
        link.appendTail(linked);
        Matcher e = SHORTCODE.matcher(linked.toString());
        StringBuilder withEmoji = new StringBuilder();
        while (e.find()) {
            e.appendReplacement(withEmoji, Matcher.quoteReplacement(Emoji.of(e.group())));
        }
        e.appendTail(withEmoji);
        // Slack's bold is *text* with no space just inside the stars; other stars (cron fields) stay.
        return BOLD.matcher(withEmoji.toString().replace("```", ""))
                .replaceAll("$1")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private String reference(String kind, String id, @Nullable String label) {
        return switch (kind) {
            case "@" -> "@" + names.getOrDefault(id, id);
            case "#" -> "#" + names.getOrDefault(id, id);
            default -> id.startsWith("subteam^")
                    ? "@" + names.getOrDefault(id.substring(8), id.substring(8))
                    : label != null ? label : id;
        };
    }

    private static void lines(String text, Consumer<String> out) {
        for (String l : text.split("\n", -1)) {
            out.accept(l);
        }
    }
}
