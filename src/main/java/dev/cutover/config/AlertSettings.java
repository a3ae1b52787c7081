package dev.cutover.config;

/**
 * The {@code alerts:} section: defaults shared by {@code queues:}, {@code services:} and the cutover
 * watch.
 *
 * @param channel the Slack channel ID alerts go to when a queue or service names none, or null
 * @param cutover the cutover watch (default: 10 minutes, 5% errors, p95 1 s)
 */
public record AlertSettings(String channel, CutoverWatchSettings cutover) {
    public AlertSettings {
        channel = channel == null || channel.isBlank() ? null : channel.strip();
        if (channel != null && !QueueConfig.CHANNEL.matcher(channel).matches()) {
            throw ConfigException.invalid("channel", "expected a channel ID such as C0123ABCD");
        }
        cutover = cutover == null ? CutoverWatchSettings.defaults() : cutover;
    }

    /** Every default, for a config without an {@code alerts:} section. */
    public static AlertSettings defaults() {
        return new AlertSettings(null, null);
    }
}
