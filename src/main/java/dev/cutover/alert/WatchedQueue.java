package dev.cutover.alert;

import dev.cutover.config.AlertStepConfig;
import dev.cutover.config.QueueConfig;
import dev.cutover.core.alert.AlertRule;
import dev.cutover.core.alert.AlertStep;

/**
 * A configured queue and its alert rule.
 *
 * @param config the {@code queues:} entry
 * @param rule its steps, consecutive-poll rule and hysteresis
 */
public record WatchedQueue(QueueConfig config, AlertRule rule) {
    /** Builds the rule from the config. */
    public static WatchedQueue of(QueueConfig c) {
        return new WatchedQueue(
                c,
                new AlertRule(
                        c.steps().stream().map(WatchedQueue::step).toList(), c.consecutivePolls(), c.hysteresis()));
    }

    /** The queue's name. */
    public String name() {
        return config.name();
    }

    private static AlertStep step(AlertStepConfig s) {
        return new AlertStep(s.threshold(), s.oldestAgeSeconds(), s.severity());
    }
}
