package dev.cutover.alert;

import dev.cutover.aws.SqsQueueDepth;
import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.chat.Message;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapPlan;
import dev.cutover.core.swap.SwapPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /cutover status} message: every swap pair (what its blue name points at, and whether a
 * cutover watch is open), every queue (depth now from SQS, age and state from the last poll) and
 * every service (desired/running/pending now from ECS). Each part that cannot be read says so.
 */
public final class CutoverStatus {
    private final PairCatalog pairs;
    private final SwapPlanner swaps;
    private final QueueMonitor queues;
    private final SqsQueueDepth sqs;
    private final ScalingMonitor services;
    private final ServiceStatus ecs;
    private final CutoverWatch watch;

    public CutoverStatus(
            PairCatalog pairs,
            SwapPlanner swaps,
            QueueMonitor queues,
            SqsQueueDepth sqs,
            ScalingMonitor services,
            ServiceStatus ecs,
            CutoverWatch watch) {
        this.pairs = pairs;
        this.swaps = swaps;
        this.queues = queues;
        this.sqs = sqs;
        this.services = services;
        this.ecs = ecs;
        this.watch = watch;
    }

    /** Reads everything now (slow: call after the ack) and renders one message. */
    public Message render() {
        List<String> lines = new ArrayList<>();
        lines.add("*Swap pairs*");
        Set<String> watched = watch.openPairs();
        for (String name : pairs.names()) {
            lines.add(pair(name) + (watched.contains(name) ? " · :eyes: cutover being watched" : ""));
        }
        lines.add("*Queues*");
        queues.queues().forEach(q -> lines.add(queue(q)));
        lines.add("*Services*");
        services.services().forEach(s -> lines.add(service(s)));
        String text = String.join("\n", lines);
        return Message.builder("Cutover status")
                .header("Cutover status")
                .section(text)
                .build();
    }

    private String pair(String name) {
        try {
            SwapPlan p = swaps.plan(pairs.find(name).orElseThrow().pair());
            return "• `" + name + "`: " + p.pair().blue() + " → " + SwapPlan.targets(p.blueBefore());
        } catch (RuntimeException e) {
            return "• `" + name + "`: :warning: cannot read the records (" + e.getMessage() + ")";
        }
    }

    private String queue(WatchedQueue q) {
        AlertState s = queues.state(q.name()).orElse(null);
        AlertLevel level = s == null ? null : s.level();
        String depth;
        try {
            depth = QueueAlertMessages.number(sqs.read(q.config().queue()).visible()) + " visible";
        } catch (RuntimeException e) {
            depth = s == null || s.last() == null
                    ? "depth unknown"
                    : QueueAlertMessages.number(s.last().visible()) + " visible (last poll)";
        }
        QueueSample last = s == null ? null : s.last();
        String age = last == null || last.oldestAgeSeconds() == null
                ? ""
                : ", oldest " + QueueAlertMessages.number(last.oldestAgeSeconds()) + " s";
        return "• " + (level == null ? ":grey_question:" : level.emoji()) + " `" + q.name() + "`: " + depth + age
                + " · " + (level == null ? "not polled yet" : level.wire());
    }

    private String service(ServiceConfig s) {
        try {
            Map<String, ServiceCounts> c = ecs.describe(s.cluster(), List.of(s.service()));
            ServiceCounts n = c.get(s.service());
            return n == null
                    ? "• `" + s.name() + "`: :warning: not found in ECS"
                    : "• `" + s.name() + "`: desired " + n.desired() + ", running " + n.running() + ", pending "
                            + n.pending();
        } catch (RuntimeException e) {
            return "• `" + s.name() + "`: :warning: cannot read ECS (" + e.getMessage() + ")";
        }
    }
}
