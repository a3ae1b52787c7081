package dev.cutover.alert;

import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.StepPolicy;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Posts a service's scaling changes in its channel (or an open cutover's thread): activities with
 * cause, from → to and status; count changes; running below desired; each with what the step
 * policy gives for the current queue depth.
 */
public final class ScalingPoster {
    private final Notifier notifier;
    private final CutoverThreads cutovers;
    private final Function<String, Optional<AlertState>> queueStates;

    /** @param queueStates the shared state of a queue by name, for its current depth */
    public ScalingPoster(
            Notifier notifier, CutoverThreads cutovers, Function<String, Optional<AlertState>> queueStates) {
        this.notifier = notifier;
        this.cutovers = cutovers;
        this.queueStates = queueStates;
    }

    void post(ServiceConfig s, ScalingChanges c, ServiceCounts now) {
        if (!c.any()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (ScalingActivity a : c.activities()) {
            lines.add(":arrows_counterclockwise: Scaling activity *" + a.status() + "*: " + a.description()
                    + (a.statusMessage() == null ? "" : " (" + a.statusMessage() + ")") + "\n_Cause:_ " + a.cause());
        }
        if (c.before() != null) {
            lines.add(":bar_chart: Desired " + c.before().desired() + " → " + now.desired() + ", running "
                    + c.before().running() + " → " + now.running() + ", pending " + now.pending() + ".");
        }
        if (c.belowFor() != null) {
            lines.add(":warning: Running " + now.running() + " has been below desired " + now.desired() + " for "
                    + QueueAlertMessages.minutes(c.belowFor())
                    + " min: tasks failing to start, or no Fargate (Spot) capacity?");
        }
        if (c.caughtUp()) {
            lines.add(":white_check_mark: Running caught up with desired (" + now.desired() + ").");
        }
        policyLine(s, now).ifPresent(lines::add);
        String text = "*" + s.name() + "*\n" + String.join("\n", lines);
        Message m = Message.text(text);
        Optional<MessageRef> thread = s.pair() == null ? Optional.empty() : cutovers.threadOf(s.pair());
        Polls.quietly(s.name(), () -> {
            if (thread.isPresent()) {
                notifier.reply(thread.get(), m);
            } else {
                notifier.post(s.channel(), m);
            }
        });
    }

    /** "The step policy gives N tasks at D visible in Q", when a policy and queue are configured. */
    Optional<String> policyLine(ServiceConfig s, ServiceCounts now) {
        if (s.policy() == null || s.queue() == null) {
            return Optional.empty();
        }
        return queueStates.apply(s.queue()).filter(st -> st.last() != null).map(st -> {
            double depth = st.last().visible();
            int capacity = policy(s).capacityFor(depth, now.desired());
            return ":straight_ruler: The step policy gives *" + capacity + "* task(s) at "
                    + QueueAlertMessages.number(depth) + " visible in " + s.queue() + " (desired " + now.desired()
                    + ").";
        });
    }

    /** The configured policy as the core's {@link StepPolicy}. */
    static StepPolicy policy(ServiceConfig s) {
        StepPolicy.Type type =
                switch (s.policy().adjustmentType()) {
                    case "ChangeInCapacity" -> StepPolicy.Type.CHANGE_IN_CAPACITY;
                    case "PercentChangeInCapacity" -> StepPolicy.Type.PERCENT_CHANGE_IN_CAPACITY;
                    default -> StepPolicy.Type.EXACT_CAPACITY;
                };
        List<StepPolicy.Step> steps = s.policy().steps().stream()
                .map(x -> new StepPolicy.Step(x.lowerBound(), x.upperBound(), x.adjustment()))
                .toList();
        return new StepPolicy(type, s.policy().alarmThreshold(), steps, s.minTasks(), s.maxTasks());
    }
}
