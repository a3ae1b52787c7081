package dev.cutover.config;

import java.text.ParseException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * A cron expression as written in config and the Quartz form it was read as.
 *
 * <p>Quartz syntax has 6 or 7 fields (seconds first, one of day-of-month/day-of-week must be
 * {@code ?}; see Quartz's {@code CronExpression} javadoc). A 5-field expression is read as Unix cron
 * ({@code crontab(5)}): seconds become {@code 0}, a {@code *} day field becomes {@code ?}, and
 * day-of-week numbers shift from Unix's 0–7 (0 and 7 are Sunday) to Quartz's 1–7 (1 is Sunday).
 *
 * @param written the expression as written
 * @param quartz the Quartz expression that is scheduled
 * @param form which syntax {@code written} was read as
 */
public record CronSpec(String written, String quartz, Form form) {
    /** The syntax an expression was read as. */
    public enum Form {
        QUARTZ,
        UNIX
    }

    private static final Pattern DOW_NUMBER = Pattern.compile("\\d+");

    /**
     * Parses {@code text} for config key {@code key}.
     *
     * @throws ConfigException.InvalidValue when the expression is not valid in either syntax
     */
    public static CronSpec parse(String key, String text) {
        String w = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        String[] f = w.isEmpty() ? new String[0] : w.split(" ");
        if (f.length == 5) {
            String quartz = fromUnix(key, f);
            check(key, quartz, "read as Unix 5-field cron (" + w + " -> " + quartz + ")");
            return new CronSpec(w, quartz, Form.UNIX);
        }
        if (f.length == 6 || f.length == 7) {
            check(key, w, "read as Quartz cron");
            return new CronSpec(w, w, Form.QUARTZ);
        }
        throw ConfigException.invalid(
                key,
                "expected 5 fields (Unix: min hour day month weekday) or 6-7 (Quartz: sec min hour day month"
                        + " weekday [year]), got " + f.length);
    }

    /** How the expression was read, e.g. {@code "30 2 * * *" (Unix 5-field, as Quartz "0 30 2 * * ?")}. */
    public String describe() {
        return form == Form.UNIX
                ? "\"" + written + "\" (Unix 5-field, as Quartz \"" + quartz + "\")"
                : "\"" + written + "\" (Quartz)";
    }

    private static void check(String key, String quartz, String how) {
        try {
            new CronExpression(quartz);
        } catch (ParseException e) {
            throw ConfigException.invalid(key, "invalid cron expression, " + how + ": " + e.getMessage());
        }
    }

    private static String fromUnix(String key, String[] f) {
        String dom = f[2];
        String dow = f[4];
        if (!dom.equals("*") && !dow.equals("*")) {
            // Unix cron ORs the two day fields when both are restricted; Quartz cannot express that.
            throw ConfigException.invalid(
                    key, "Unix cron with both day-of-month and day-of-week set means either; split it into two jobs");
        }
        if (dow.equals("*")) {
            dow = "?";
        } else {
            dom = "?";
            dow = unixWeekdays(key, dow);
        }
        return String.join(" ", Arrays.asList("0", f[0], f[1], dom, f[3], dow));
    }

    private static String unixWeekdays(String key, String dow) {
        if (dow.startsWith("*/")) {
            return "1/" + dow.substring(2);
        }
        Matcher m = DOW_NUMBER.matcher(dow);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group());
            boolean step = m.start() > 0 && dow.charAt(m.start() - 1) == '/';
            if (!step && n > 7) {
                throw ConfigException.invalid(key, "Unix day-of-week must be 0-7 (0 and 7 are Sunday), got " + n);
            }
            m.appendReplacement(sb, step ? m.group() : String.valueOf(n % 7 + 1));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
