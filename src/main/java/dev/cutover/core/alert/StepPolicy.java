package dev.cutover.core.alert;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A step scaling policy, to say what capacity it gives for a metric value.
 *
 * <p>Bounds are offsets from the alarm threshold; when the value is above the threshold a step's
 * lower bound is inclusive and its upper bound exclusive, and a null bound is unbounded. The result
 * is clamped to the scalable target's min and max capacity.
 *
 * @param type how the adjustment is applied
 * @param threshold the alarm threshold the bounds are offsets from
 * @param steps the step adjustments
 * @param min the scalable target's minimum capacity
 * @param max the scalable target's maximum capacity
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html">Step scaling policies</a>
 */
public record StepPolicy(Type type, double threshold, List<Step> steps, int min, int max) {
    /** The adjustment types of Application Auto Scaling. */
    public enum Type {
        EXACT_CAPACITY,
        CHANGE_IN_CAPACITY,
        PERCENT_CHANGE_IN_CAPACITY
    }

    /**
     * One step adjustment.
     *
     * @param lower lower bound offset, null for minus infinity
     * @param upper upper bound offset, null for infinity
     * @param adjustment the scaling adjustment
     */
    public record Step(@Nullable Double lower, @Nullable Double upper, int adjustment) {
        boolean contains(double offset) {
            return (lower == null || offset >= lower) && (upper == null || offset < upper);
        }
    }

    public StepPolicy {
        steps = List.copyOf(steps);
    }

    /**
     * The capacity the policy gives for {@code value} with {@code current} tasks, clamped to [min,
     * max]; {@code current} (clamped) when no step applies (the alarm is not breached).
     */
    public int capacityFor(double value, int current) {
        double offset = value - threshold;
        for (Step s : steps) {
            if (s.contains(offset)) {
                return clamp(apply(s.adjustment(), current));
            }
        }
        return clamp(current);
    }

    private int apply(int adjustment, int current) {
        return switch (type) {
            case EXACT_CAPACITY -> adjustment;
            case CHANGE_IN_CAPACITY -> current + adjustment;
            case PERCENT_CHANGE_IN_CAPACITY -> current + (int) Math.round(current * adjustment / 100.0);
        };
    }

    private int clamp(int n) {
        return Math.max(min, Math.min(max, n));
    }
}
