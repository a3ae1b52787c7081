package dev.cutover.config;

import java.util.List;

/**
 * A service's Application Auto Scaling step scaling policy as the bot should read it, so it can say
 * what capacity the policy gives for the current queue depth.
 *
 * @param adjustmentType {@code ExactCapacity}, {@code ChangeInCapacity} or {@code
 *     PercentChangeInCapacity} (default ExactCapacity)
 * @param alarmThreshold the alarm's threshold in visible messages; step bounds are offsets from it
 *     (default 0)
 * @param steps the step adjustments, at least one
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html">StepAdjustment</a>
 */
public record StepPolicyConfig(String adjustmentType, Double alarmThreshold, List<Step> steps) {
    private static final List<String> TYPES = List.of("ExactCapacity", "ChangeInCapacity", "PercentChangeInCapacity");

    /**
     * One step adjustment.
     *
     * @param lowerBound the lower bound (inclusive above the threshold) as an offset, null for minus infinity
     * @param upperBound the upper bound (exclusive) as an offset, null for infinity
     * @param adjustment the scaling adjustment, a whole number
     */
    public record Step(Double lowerBound, Double upperBound, Integer adjustment) {
        public Step {
            if (adjustment == null) {
                throw ConfigException.invalid("adjustment", "required; a whole number of tasks (or percent)");
            }
            if (lowerBound == null && upperBound == null) {
                throw ConfigException.invalid("lowerBound", "give lowerBound, upperBound or both");
            }
            if (lowerBound != null && upperBound != null && !(upperBound > lowerBound)) {
                throw ConfigException.invalid("upperBound", "must be above lowerBound");
            }
        }
    }

    public StepPolicyConfig {
        adjustmentType = adjustmentType == null ? "ExactCapacity" : adjustmentType.strip();
        if (!TYPES.contains(adjustmentType)) {
            throw ConfigException.invalid("adjustmentType", "one of: " + String.join(", ", TYPES));
        }
        alarmThreshold = alarmThreshold == null ? 0.0 : alarmThreshold;
        if (steps == null || steps.isEmpty()) {
            throw ConfigException.invalid("steps", "required; at least one step adjustment");
        }
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            Double prevUpper = steps.get(i - 1).upperBound();
            Double lower = steps.get(i).lowerBound();
            if (prevUpper == null || lower == null || !prevUpper.equals(lower)) {
                // AWS refuses gaps and overlaps between step adjustments.
                throw ConfigException.invalid(
                        "steps[" + i + "].lowerBound",
                        "must equal the previous step's upperBound (no gaps or overlaps)");
            }
        }
    }
}
