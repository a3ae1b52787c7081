package dev.cutover.core.alert;

import java.util.List;

/**
 * When a queue is at which level.
 *
 * <p>Hysteresis: a level is entered when a step's bound is reached, but left only when the value
 * falls below the bound times {@code (1 - hysteresis)}, so a value hovering at a bound does not
 * flap between two levels on every poll.
 *
 * @param steps the bounds
 * @param consecutivePolls how many readings in a row must call for the same new level before it is
 *     taken
 * @param hysteresis a fraction from 0 (none) to below 1
 */
public record AlertRule(List<AlertStep> steps, int consecutivePolls, double hysteresis) {
    public AlertRule {
        steps = List.copyOf(steps);
        if (consecutivePolls < 1) {
            throw new IllegalArgumentException("consecutivePolls must be at least 1");
        }
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw new IllegalArgumentException("hysteresis must be in [0, 1)");
        }
    }

    /** The level {@code sample} calls for when the queue is now at {@code current}. */
    public AlertLevel target(AlertLevel current, QueueSample sample) {
        AlertLevel reached = levelAt(sample, 1.0);
        AlertLevel held = AlertLevel.min(current, levelAt(sample, 1.0 - hysteresis));
        return AlertLevel.max(reached, held);
    }

    private AlertLevel levelAt(QueueSample sample, double factor) {
        AlertLevel level = AlertLevel.OK;
        for (AlertStep s : steps) {
            if (s.reachedBy(sample, factor)) {
                level = AlertLevel.max(level, s.level());
            }
        }
        return level;
    }
}
