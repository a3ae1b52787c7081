package dev.cutover.core.traffic;

import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link TrafficWeights} of a load balancer listener's forward action to two target
 * groups (Elastic Load Balancing v2, or the sandbox's).
 */
public interface ForwardRules {
    /**
     * The weights of the forward action of {@code ruleArn} on {@code listenerArn}.
     *
     * @param ruleArn the listener rule; null for the listener's default action
     * @param blueTargetGroup the blue target group's ARN
     * @param greenTargetGroup the green target group's ARN
     */
    TrafficWeights of(String listenerArn, @Nullable String ruleArn, String blueTargetGroup, String greenTargetGroup);
}
