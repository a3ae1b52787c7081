package dev.cutover.config;

import dev.cutover.core.alert.AlertLevel;

/**
 * One step of a queue's {@code steps:}: the queue is at {@code severity} when the visible messages
 * reach {@code threshold} or the oldest message is at least {@code oldestAgeSeconds} old.
 *
 * @param threshold visible messages (ApproximateNumberOfMessagesVisible), a decimal such as 99.5;
 *     null when only the age counts
 * @param oldestAgeSeconds age of the oldest message in seconds (ApproximateAgeOfOldestMessage), or null
 * @param severity {@code warning} or {@code critical}
 */
public record AlertStepConfig(Double threshold, Double oldestAgeSeconds, AlertLevel severity) {
    public AlertStepConfig {
        if (threshold == null && oldestAgeSeconds == null) {
            throw ConfigException.invalid("threshold", "required (visible messages), or give oldestAgeSeconds");
        }
        if (threshold != null && (!(threshold > 0) || threshold.isInfinite())) {
            throw ConfigException.invalid("threshold", "must be a number above 0, e.g. 100 or 99.5");
        }
        if (oldestAgeSeconds != null && (!(oldestAgeSeconds > 0) || oldestAgeSeconds.isInfinite())) {
            throw ConfigException.invalid("oldestAgeSeconds", "must be a number of seconds above 0");
        }
        if (severity == null || severity == AlertLevel.OK) {
            throw ConfigException.invalid("severity", "required; warning or critical");
        }
    }
}
