package dev.cutover.core.alert;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One bound of an alert rule: {@code level} applies when the visible messages reach {@code visible}
 * or the oldest message is at least {@code oldestAgeSeconds} old.
 *
 * @param visible visible messages, or null when only the age counts
 * @param oldestAgeSeconds seconds, or null when only the count counts
 * @param level WARNING or CRITICAL
 */
public record AlertStep(@Nullable Double visible, @Nullable Double oldestAgeSeconds, AlertLevel level) {
    public AlertStep {
        Objects.requireNonNull(level, "level");
        if (visible == null && oldestAgeSeconds == null) {
            throw new IllegalArgumentException("a step needs a visible-message or an age bound");
        }
    }

    /** Whether {@code sample} reaches this step's bounds, each multiplied by {@code factor}. */
    boolean reachedBy(QueueSample sample, double factor) {
        boolean byCount = visible != null && sample.visible() >= visible * factor;
        boolean byAge = oldestAgeSeconds != null
                && sample.oldestAgeSeconds() != null
                && sample.oldestAgeSeconds() >= oldestAgeSeconds * factor;
        return byCount || byAge;
    }
}
