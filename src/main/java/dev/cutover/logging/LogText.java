package dev.cutover.logging;

/**
 * The one escaping rule for values in log lines, so that user text (a Reject reason, a slash
 * command, an exception message quoting a payload) can never start a new line or close a quoted
 * field: {@code \} and {@code "} are backslash-escaped, {@code \n}, {@code \r} and {@code \t}
 * become {@code \n}, {@code \r} and {@code \t} written out, every other control or line-breaking
 * character becomes {@code \}{@code uXXXX}, and a value longer than {@value #MAX_CHARS} characters
 * is cut with a note of how much was left out.
 */
public final class LogText {
    /** The most characters of one value written to a log line. */
    public static final int MAX_CHARS = 2_000;

    private LogText() {}

    /** {@code value} escaped as a quoted-field value and cut to {@link #MAX_CHARS}; "null" for null. */
    public static String value(Object value) {
        String s = String.valueOf(value);
        boolean cut = s.length() > MAX_CHARS;
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 16);
        append(sb, cut ? s.substring(0, MAX_CHARS) : s, true);
        if (cut) {
            sb.append("…(+").append(s.length() - MAX_CHARS).append(" chars)");
        }
        return sb.toString();
    }

    /**
     * {@code value} as text cut to {@link #MAX_CHARS} with a note of how much was left out, and
     * nothing escaped: for an encoder that escapes by itself (JSON). "null" for null.
     */
    public static String cut(Object value) {
        String s = String.valueOf(value);
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…(+" + (s.length() - MAX_CHARS) + " chars)" : s;
    }

    /**
     * {@code text} with control and line-breaking characters escaped and nothing else changed: for
     * text written by the code (a message template), whose quotes are not field delimiters.
     */
    public static String controls(String text) {
        if (text == null || text.chars().noneMatch(c -> needsEscape((char) c))) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        append(sb, text, false);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s, boolean quotes) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\', '"' -> sb.append(quotes ? "\\" : "").append(c);
                default -> {
                    if (needsEscape(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** ISO controls (C0, DEL, C1 including NEL) and the Unicode line and paragraph separators. */
    static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
