package dev.cutover.chat.text;

import java.util.Map;

/**
 * The emoji shortcodes the bot's messages use, as the characters a terminal shows; {@code
 * EmojiCoverageTest} fails when a message uses one that is missing here.
 */
final class Emoji {
    private static final Map<String, String> BY_SHORTCODE = Map.ofEntries(
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
            Map.entry(":large_green_circle:", "🟢"),
            Map.entry(":large_orange_circle:", "🟠"),
            Map.entry(":unlock:", "🔓"),
            Map.entry(":ice_cube:", "🧊"),
            Map.entry(":twisted_rightwards_arrows:", "🔀"),
            Map.entry(":runner:", "🏃"),
            Map.entry(":double_vertical_bar:", "⏸️"),
            Map.entry(":gear:", "⚙️"),
            Map.entry(":mag:", "🔍"),
            Map.entry(":octagonal_sign:", "🛑"),
            Map.entry(":leftwards_arrow_with_hook:", "↩️"),
            Map.entry(":satellite:", "📡"));

    private Emoji() {}

    /** The emoji for {@code shortcode} (e.g. {@code :warning:}), or the shortcode itself when unknown. */
    static String of(String shortcode) {
        return BY_SHORTCODE.getOrDefault(shortcode, shortcode);
    }
}
