package dev.cutover.memory;

import dev.cutover.core.traffic.ForwardRules;
import dev.cutover.core.traffic.TrafficWeights;
import dev.cutover.core.traffic.Weights;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Load balancer forward actions in memory (the sandbox's simulated load balancer): one {@link
 * InMemoryTrafficWeights} per listener rule, all traffic on blue (weight 100) to begin with, at an
 * ALB's highest weight of 999.
 */
public final class InMemoryForwardRules implements ForwardRules {
    private final Map<String, InMemoryTrafficWeights> rules = new HashMap<>();

    @Override
    public synchronized TrafficWeights of(
            String listenerArn, @Nullable String ruleArn, String blueTargetGroup, String greenTargetGroup) {
        String key = listenerArn + " " + ruleArn + " " + blueTargetGroup + " " + greenTargetGroup;
        return rules.computeIfAbsent(key, k -> new InMemoryTrafficWeights(new Weights(100, 0), 999));
    }
}
