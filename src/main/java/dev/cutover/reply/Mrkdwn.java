package dev.cutover.reply;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Slack's mrkdwn references, which Slack shows as names and local times and the sandbox console
 * shows as their fallback text.
 *
 * @see <a href="https://api.slack.com/reference/surfaces/formatting">Formatting text for app surfaces</a>
 */
public final class Mrkdwn {
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Mrkdwn() {}

    /** A user mention, {@code <@U123>}; {@code system} stays plain text. */
    public static String user(String userId) {
        return "system".equals(userId) ? "the bot" : "<@" + userId + ">";
    }

    /** A channel link, {@code <#C123>}. */
    public static String channel(String channelId) {
        return "<#" + channelId + ">";
    }

    /** User and user-group mentions ({@code <!subteam^S123>}), comma separated. */
    public static String principals(Collection<String> ids) {
        return ids.stream()
                .sorted()
                .map(id -> id.startsWith("S") ? "<!subteam^" + id + ">" : user(id))
                .collect(Collectors.joining(", "));
    }

    /** Channel links, comma separated. */
    public static String channels(Collection<String> ids) {
        return ids.stream().sorted().map(Mrkdwn::channel).collect(Collectors.joining(", "));
    }

    /** A time each reader sees in their own zone; the fallback is UTC, to the second. */
    public static String time(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + FALLBACK.format(at) + ">";
    }

    /** An ISO-8601 instant in UTC as {@link Instant#toString()} writes it. */
    private static final java.util.regex.Pattern ISO_INSTANT =
            java.util.regex.Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z\\b");

    /**
     * {@link #escape} of stored text (a reason, a health summary) whose ISO-8601 instants ({@code
     * 2026-12-06T01:07:35.348Z}, as the store and the audit trail keep them) are shown as {@link
     * #time}, like every other time in messages.
     */
    public static String escapeWithTimes(String text) {
        java.util.regex.Matcher m = ISO_INSTANT.matcher(escape(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown;
            try {
                shown = time(Instant.parse(m.group()));
            } catch (java.time.format.DateTimeParseException e) {
                shown = m.group();
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes user-typed text so it cannot mention or link: {@code &}, {@code <}, {@code >}. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code text} (e.g. a name from AWS) shown inside bold or italics: escaped, and with the
     * characters that would end or start mrkdwn formatting replaced by look-alikes ({@code *} by
     * {@code ∗}, {@code ~} by {@code ∼}, {@code `} by {@code ʼ}), since mrkdwn has no escape for them.
     */
    public static String inEmphasis(String text) {
        return escape(text).replace('*', '\u2217').replace('~', '\u223C').replace('`', '\u02BC');
    }

    /** An underscore that could open or close italics: not between two letters or digits. */
    private static final java.util.regex.Pattern EDGE_UNDERSCORE =
            java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}])");

    /**
     * Free text a user typed (a freeze, reject, break-glass or cancel reason) shown in a message
     * as data: {@link #inEmphasis} (escaped; {@code *}, {@code ~} and backticks as look-alikes),
     * and an underscore at a word's edge as {@code ˍ}, so {@code _y_} is not italics while {@code
     * snake_case} stays as typed. Not cut: callers bound it.
     */
    public static String userText(String text) {
        return EDGE_UNDERSCORE.matcher(inEmphasis(text)).replaceAll("\u02CD");
    }

    /** {@code text} inside a code span: escaped, a backtick replaced by {@code ʼ} so it cannot close the span. */
    public static String inCode(String text) {
        return escape(text).replace('`', '\u02BC');
    }

    /** The longest piece of a user's input echoed back in a reply ({@link #snippet}), in characters. */
    public static final int SNIPPET = 80;

    /**
     * A user's input echoed back as a code span: at most {@link #SNIPPET} characters (then "…"),
     * escaped, with backticks replaced by {@code ʼ} so the input cannot close the span.
     */
    public static String snippet(String text) {
        return "`" + inCode(cut(text, SNIPPET)) + "`";
    }

    /** {@code text} cut to at most {@code max} characters, ending with "…" when it was cut. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * A duration as people read it on a message: {@code 40s}, {@code 3m20s}, {@code 1h5m} (whole
     * seconds; hours drop the seconds).
     */
    public static String duration(java.time.Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : (s % 3600 / 60) + "m");
        }
        if (s >= 60) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return s + "s";
    }
}
