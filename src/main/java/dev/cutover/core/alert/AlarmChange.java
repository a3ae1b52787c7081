package dev.cutover.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One CloudWatch alarm state change, as read from an EventBridge event or an SNS notification.
 *
 * @param arn the alarm's ARN: with {@code at}, what identifies the change across deliveries
 * @param name the alarm's name
 * @param state the new state: {@code ALARM}, {@code OK} or {@code INSUFFICIENT_DATA}
 * @param previous the state before, or null when not given
 * @param reason CloudWatch's reason text, as sent (unescaped, unbounded: escape and cut it to show it)
 * @param at when the state changed (CloudWatch's state change time)
 * @param metric {@code Namespace/MetricName} of the alarm's metric, or null (composite or metric
 *     math alarms)
 * @param threshold the comparison and threshold, e.g. {@code GreaterThanThreshold 5}, or null
 */
public record AlarmChange(
        String arn,
        String name,
        String state,
        @Nullable String previous,
        String reason,
        Instant at,
        @Nullable String metric,
        @Nullable String threshold) {
    /** The state of an alarm that fires. */
    public static final String ALARM = "ALARM";
    /** The state of an alarm that is fine. */
    public static final String OK = "OK";

    public AlarmChange {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    /** True when the alarm fires. */
    public boolean firing() {
        return ALARM.equals(state);
    }
}
