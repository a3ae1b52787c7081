package dev.cutover.aws;

import dev.cutover.core.traffic.TrafficException;
import dev.cutover.core.traffic.TrafficWeights;
import dev.cutover.core.traffic.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * {@link TrafficWeights} of an ALB listener rule, or of the listener's default action, that forwards
 * to two target groups with weights ({@code ForwardConfig}). ELBv2 has no conditional write, so a
 * change reads the actions, compares the weights with the expected ones (refused: nothing written),
 * writes the same actions with the new weights ({@code ModifyRule} or {@code ModifyListener}) and
 * reads them back (different: {@code MISMATCH}, the shift stops). The window in which another writer
 * can interleave is that one round trip.
 *
 * @see <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyRule.html">ModifyRule</a>
 * @see <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ForwardActionConfig.html">ForwardActionConfig</a>
 */
public final class AlbWeightedTraffic implements TrafficWeights {
    /** An ALB target group's highest weight. */
    public static final int MAX_WEIGHT = 999;

    private static final Set<String> NOT_FOUND =
            Set.of("RuleNotFound", "ListenerNotFound", "TargetGroupNotFound", "LoadBalancerNotFound");

    private final ElasticLoadBalancingV2Client elb;
    private final String listenerArn;
    private final @Nullable String ruleArn;
    private final String blue;
    private final String green;

    /**
     * @param ruleArn the rule; null for the listener's default action
     * @param blue the blue target group's ARN
     * @param green the green target group's ARN
     */
    public AlbWeightedTraffic(
            ElasticLoadBalancingV2Client elb, String listenerArn, @Nullable String ruleArn, String blue, String green) {
        this.elb = Objects.requireNonNull(elb, "elb");
        this.listenerArn = Objects.requireNonNull(listenerArn, "listenerArn");
        this.ruleArn = ruleArn;
        this.blue = Objects.requireNonNull(blue, "blue");
        this.green = Objects.requireNonNull(green, "green");
    }

    @Override
    public Weights read() {
        return weights(actions());
    }

    @Override
    public void set(Weights expected, Weights next, String comment) {
        List<Action> actions = actions();
        Weights now = weights(actions);
        if (!now.equals(expected)) {
            throw new TrafficException(
                    TrafficException.Kind.DRIFTED,
                    "the weights changed since the plan; nothing was applied (expected " + expected + ", now " + now
                            + ")");
        }
        List<Action> written = withWeights(actions, next);
        call(() -> {
            if (ruleArn != null) {
                elb.modifyRule(r -> r.ruleArn(ruleArn).actions(written));
            } else {
                elb.modifyListener(r -> r.listenerArn(listenerArn).defaultActions(written));
            }
            return null;
        });
        Weights back = weights(actions());
        if (!back.equals(next)) {
            throw new TrafficException(
                    TrafficException.Kind.MISMATCH,
                    "the weights read back after the write are " + back + ", not the " + next
                            + " written: someone else changed them in between");
        }
    }

    @Override
    public List<String> preview(Weights from, Weights to) {
        String where =
                ruleArn != null ? "ModifyRule " + ruleArn : "ModifyListener " + listenerArn + " (default action)";
        return List.of(
                "read the forward action, expect " + from,
                where + ": forward " + blue + " weight " + to.blue() + ", " + green + " weight " + to.green(),
                "read back, expect " + to);
    }

    @Override
    public int maxWeight() {
        return MAX_WEIGHT;
    }

    private List<Action> actions() {
        return call(() -> {
            if (ruleArn != null) {
                var rules = elb.describeRules(r -> r.ruleArns(ruleArn)).rules();
                if (rules.isEmpty()) {
                    throw new TrafficException(TrafficException.Kind.NOT_FOUND, "no rule " + ruleArn);
                }
                return rules.get(0).actions();
            }
            var listeners =
                    elb.describeListeners(r -> r.listenerArns(listenerArn)).listeners();
            if (listeners.isEmpty()) {
                throw new TrafficException(TrafficException.Kind.NOT_FOUND, "no listener " + listenerArn);
            }
            return listeners.get(0).defaultActions();
        });
    }

    private Weights weights(List<Action> actions) {
        Action forward = forward(actions);
        return new Weights(weightOf(forward, blue), weightOf(forward, green));
    }

    private Action forward(List<Action> actions) {
        return actions.stream()
                .filter(a -> a.type() == ActionTypeEnum.FORWARD && a.forwardConfig() != null)
                .findFirst()
                .orElseThrow(() -> new TrafficException(
                        TrafficException.Kind.NOT_FOUND,
                        (ruleArn != null ? "rule " + ruleArn : "listener " + listenerArn)
                                + " has no forward action with target group weights"));
    }

    private static int weightOf(Action forward, String targetGroup) {
        return forward.forwardConfig().targetGroups().stream()
                .filter(t -> targetGroup.equals(t.targetGroupArn()))
                .findFirst()
                .map(t -> t.weight() == null ? 1 : t.weight())
                .orElseThrow(() -> new TrafficException(
                        TrafficException.Kind.NOT_FOUND, "the forward action has no target group " + targetGroup));
    }

    /** The same actions with the forward action's two target groups at {@code next}'s weights. */
    private List<Action> withWeights(List<Action> actions, Weights next) {
        Action forward = forward(actions);
        List<TargetGroupTuple> groups = new ArrayList<>();
        for (TargetGroupTuple t : forward.forwardConfig().targetGroups()) {
            int w = blue.equals(t.targetGroupArn())
                    ? next.blue()
                    : green.equals(t.targetGroupArn()) ? next.green() : t.weight();
            groups.add(t.toBuilder().weight(w).build());
        }
        // Only the ForwardConfig is sent: a TargetGroupArn beside it must name the same single group.
        Action changed = forward.toBuilder()
                .targetGroupArn(null)
                .forwardConfig(
                        forward.forwardConfig().toBuilder().targetGroups(groups).build())
                .build();
        return actions.stream().map(a -> a == forward ? changed : a).toList();
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ElasticLoadBalancingV2Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            TrafficException.Kind kind = NOT_FOUND.contains(code)
                    ? TrafficException.Kind.NOT_FOUND
                    : "Throttling".equals(code) ? TrafficException.Kind.THROTTLED : TrafficException.Kind.AWS_ERROR;
            throw new TrafficException(kind, "Elastic Load Balancing refused: " + code, e);
        } catch (SdkException e) {
            throw new TrafficException(TrafficException.Kind.AWS_ERROR, "Elastic Load Balancing unreachable", e);
        }
    }
}
