package dev.cutover.config;

import java.util.regex.Pattern;

/**
 * One entry of {@code alarms.routes:}: which CloudWatch alarms go where.
 *
 * @param alarm the alarm's name exactly ({@code orders-5xx}), or a prefix followed by one {@code *}
 *     at the end ({@code orders-*} matches every alarm whose name starts with {@code orders-}); no
 *     other wildcard
 * @param channel the Slack channel ID for its messages; default {@code alerts.channel}
 * @param pair the swap pair it belongs to, whose open cutover watch or shift thread gets its
 *     messages, or null
 */
public record AlarmRoute(String alarm, String channel, String pair) {
    // CloudWatch alarm names: up to 255 printable ASCII characters.
    private static final Pattern NAME = Pattern.compile("[\\x20-\\x7e]{1,255}");

    public AlarmRoute {
        if (alarm == null || alarm.isBlank() || !NAME.matcher(alarm.strip()).matches()) {
            throw ConfigException.invalid(
                    "alarm", "required; an alarm name (printable ASCII, up to 255) or a prefix ending in *");
        }
        alarm = alarm.strip();
        if (alarm.indexOf('*') >= 0 && alarm.indexOf('*') != alarm.length() - 1) {
            throw ConfigException.invalid(
                    "alarm", "a * may only end a prefix, e.g. orders-* (no other wildcards): " + alarm);
        }
        channel = channel == null || channel.isBlank() ? null : channel.strip();
        if (channel != null && !QueueConfig.CHANNEL.matcher(channel).matches()) {
            throw ConfigException.invalid("channel", "expected a channel ID such as C0123ABCD");
        }
    }

    /** True when {@code name} is this route's alarm, or starts with its prefix. */
    public boolean matches(String name) {
        return alarm.endsWith("*") ? name.startsWith(alarm.substring(0, alarm.length() - 1)) : name.equals(alarm);
    }

    /** True for an exact name (no {@code *}). */
    public boolean exact() {
        return !alarm.endsWith("*");
    }

    AlarmRoute withDefaultChannel(String defaultChannel) {
        return channel != null ? this : new AlarmRoute(alarm, defaultChannel, pair);
    }
}
