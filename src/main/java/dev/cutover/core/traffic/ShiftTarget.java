package dev.cutover.core.traffic;

import dev.cutover.core.approval.ApprovalPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One pair's shift settings as configured: who may request and approve, where its weights live,
 * and its default steps.
 *
 * @param pair the pair's name
 * @param policy the pair's four-eyes rules, the same as for {@code /swap}
 * @param weights the backend holding both sides' weights
 * @param steps the default steps, percent to green
 * @param scale the sum of both weights at every step
 * @param bake how long each step bakes
 * @param onAlarm what a crossed threshold does
 */
public record ShiftTarget(
        String pair,
        ApprovalPolicy policy,
        TrafficWeights weights,
        List<Integer> steps,
        int scale,
        Duration bake,
        ShiftPlan.OnAlarm onAlarm) {
    public ShiftTarget {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(weights, "weights");
        steps = List.copyOf(steps);
        if (scale < 1 || scale > weights.maxWeight()) {
            throw new IllegalArgumentException("scale must be 1 to " + weights.maxWeight());
        }
    }
}
