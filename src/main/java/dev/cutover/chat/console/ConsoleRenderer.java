package dev.cutover.chat.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Slack Block Kit JSON (what the bot sends to Slack) as terminal text: headers, sections,
 * fields, context lines and numbered buttons; mrkdwn references become names and UTC times.
 */
public final class ConsoleRenderer {
    private static final Pattern REF = Pattern.compile("<([@#!])([^>|]*)(?:\\|([^>]*))?>");

    private static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry(":white_check_mark:", "✅"),
            Map.entry(":no_entry:", "⛔"),
            Map.entry(":hourglass_flowing_sand:", "⏳"),
            Map.entry(":hourglass:", "⌛"),
            Map.entry(":outbox_tray:", "📤"),
            Map.entry(":warning:", "⚠️"),
            Map.entry(":x:", "❌"),
            Map.entry(":heavy_multiplication_x:", "✖️"),
            Map.entry(":rotating_light:", "🚨"),
            Map.entry(":snowflake:", "❄️"),
            Map.entry(":sunny:", "☀️"),
            Map.entry(":rewind:", "⏪"),
            Map.entry(":arrows_counterclockwise:", "🔄"),
            Map.entry(":bar_chart:", "📊"),
            Map.entry(":straight_ruler:", "📏"),
            Map.entry(":eyes:", "👀"),
            Map.entry(":stop_sign:", "🛑"),
            Map.entry(":chart_with_upwards_trend:", "📈"),
            Map.entry(":white_circle:", "⚪"),
            Map.entry(":heavy_check_mark:", "✔️"),
            Map.entry(":information_source:", "ℹ️"),
            Map.entry(":fire:", "🔥"),
            Map.entry(":grey_question:", "❔"),
            Map.entry(":red_circle:", "🔴"),
            Map.entry(":large_yellow_circle:", "🟡"),
            Map.entry(":large_green_circle:", "🟢"));
    private static final Pattern BOLD = Pattern.compile("\\*(\\S(?:[^*\\n]*\\S)?)\\*");
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]+:");

    private final Map<String, String> names;

    /** @param names user, group and channel IDs to the names shown for them */
    public ConsoleRenderer(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /**
     * Renders {@code blocks} (falling back to {@code text} when there are none) as indented lines.
     *
     * @param button called for each button in order; returns the number shown for it
     */
    public List<String> render(JsonNode blocks, String text, java.util.function.Function<JsonNode, Integer> button) {
        List<String> out = new ArrayList<>();
        if (blocks == null || blocks.isEmpty()) {
            lines(mrkdwn(text), out::add);
            return out;
        }
        for (JsonNode b : blocks) {
            switch (b.path("type").asText()) {
                case "header" -> out.add("== " + b.path("text").path("text").asText() + " ==");
                case "section" -> section(b, out);
                case "context" -> b.path("elements")
                        .forEach(e -> lines(mrkdwn(e.path("text").asText()), l -> out.add("  · " + l)));
                case "divider" -> out.add("----");
                case "actions" -> out.add(buttons(b, button));
                default -> out.add("[" + b.path("type").asText() + " block]");
            }
        }
        return out;
    }

    private void section(JsonNode b, List<String> out) {
        if (b.has("text")) {
            lines(mrkdwn(b.path("text").path("text").asText()), out::add);
        }
        for (JsonNode f : b.path("fields")) {
            String[] kv = mrkdwn(f.path("text").asText()).split("\n", 2);
            out.add(kv.length == 2 ? kv[0] + ": " + kv[1].replace("\n", " ") : kv[0]);
        }
    }

    private String buttons(JsonNode actions, java.util.function.Function<JsonNode, Integer> button) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : actions.path("elements")) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append('[')
                    .append(button.apply(e))
                    .append(' ')
                    .append(e.path("text").path("text").asText())
                    .append(']');
        }
        return sb.toString();
    }

    /** Plain text for mrkdwn: references resolved, bold and code marks dropped. */
    public String mrkdwn(String s) {
        Matcher m = REF.matcher(s == null ? "" : s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(reference(m.group(1), m.group(2), m.group(3))));
        }
        m.appendTail(sb);
        Matcher e = SHORTCODE.matcher(sb.toString());
        StringBuilder withEmoji = new StringBuilder();
        while (e.find()) {
            e.appendReplacement(withEmoji, Matcher.quoteReplacement(EMOJI.getOrDefault(e.group(), e.group())));
        }
        e.appendTail(withEmoji);
        // Slack's bold is *text* with no space just inside the stars; other stars (cron fields) stay.
        return BOLD.matcher(withEmoji.toString().replace("```", ""))
                .replaceAll("$1")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private String reference(String kind, String id, String label) {
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
