package dev.cutover.alert;

import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
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
    private final List<SwapPair> pairs;
    private final DnsRecords dns;
    private final QueueMonitor queues;
    private final QueueDepth depth;
    private final ScalingMonitor services;
    private final ServiceStatus ecs;
    private final CutoverWatch watch;

    /**
     * @param pairs the configured swap pairs, in the order shown
     * @param dns where the pairs' records are read
     * @param depth each queue's depth now
     * @param ecs each service's counts now
     */
    public CutoverStatus(
            List<SwapPair> pairs,
            DnsRecords dns,
            QueueMonitor queues,
            QueueDepth depth,
            ScalingMonitor services,
            ServiceStatus ecs,
            CutoverWatch watch) {
        this.pairs = List.copyOf(pairs);
        this.dns = dns;
        this.queues = queues;
        this.depth = depth;
        this.services = services;
        this.ecs = ecs;
        this.watch = watch;
    }

    /** Reads everything now (slow: call after the ack) and renders one message. */
    public Message render() {
        List<String> lines = new ArrayList<>();
        lines.add("*Swap pairs*");
        Set<String> watched = watch.openPairs();
        for (SwapPair p : pairs) {
            lines.add(pair(p) + (watched.contains(p.name()) ? " · :eyes: cutover being watched" : ""));
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

    private String pair(SwapPair pair) {
        try {
            // A plan, not only the blue records: it refuses records that cannot be swapped.
            SwapPlan p =
                    new SwapPlan(pair, dns.read(pair.zoneId(), pair.blue()), dns.read(pair.zoneId(), pair.green()));
            return "• `" + pair.name() + "`: " + p.pair().blue() + " → " + SwapPlan.targets(p.blueBefore());
        } catch (RuntimeException e) {
            return "• `" + pair.name() + "`: :warning: cannot read the records (" + e.getMessage() + ")";
        }
    }

    private String queue(WatchedQueue q) {
        AlertState s = queues.state(q.name()).orElse(null);
        AlertLevel level = s == null ? null : s.level();
        String shown;
        try {
            shown = QueueAlertMessages.number(depth.read(q.config().queue()).visible()) + " visible";
        } catch (RuntimeException e) {
            shown = s == null || s.last() == null
                    ? "depth unknown"
                    : QueueAlertMessages.number(s.last().visible()) + " visible (last poll)";
        }
        QueueSample last = s == null ? null : s.last();
        String age = last == null || last.oldestAgeSeconds() == null
                ? ""
                : ", oldest " + QueueAlertMessages.number(last.oldestAgeSeconds()) + " s";
        return "• " + (level == null ? ":grey_question:" : QueueAlertMessages.emoji(level)) + " `" + q.name() + "`: "
                + shown + age + " · " + (level == null ? "not polled yet" : level.wire());
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
