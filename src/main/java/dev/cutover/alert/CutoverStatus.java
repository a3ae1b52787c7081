package dev.cutover.alert;

import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.ServiceStatus;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.reply.Mrkdwn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /cutover status} message: every swap pair (what its blue name points at, and whether a
 * cutover watch is open), every queue (depth now from SQS, age and state from the last poll) and
 * every service (desired/running/pending now from ECS), and each open traffic shift (its state,
 * weights, step and bake left). Each part that cannot be read says so.
 */
public final class CutoverStatus {
    private static final Logger log = LoggerFactory.getLogger(CutoverStatus.class);
    private final List<SwapPair> pairs;
    private final DnsRecords dns;
    private final QueueMonitor queues;
    private final QueueDepth depth;
    private final ScalingMonitor services;
    private final ServiceStatus ecs;
    private final CutoverWatch watch;
    private final AlarmMonitor alarms;
    private volatile Supplier<List<Shift>> shifts = List::of;
    private volatile Clock clock = Clock.systemUTC();

    /**
     * @param pairs the configured swap pairs, in the order shown
     * @param dns where the pairs' records are read
     * @param depth each queue's depth now
     * @param ecs each service's counts now
     * @param alarms the CloudWatch alarms' open incidents
     */
    public CutoverStatus(
            List<SwapPair> pairs,
            DnsRecords dns,
            QueueMonitor queues,
            QueueDepth depth,
            ScalingMonitor services,
            ServiceStatus ecs,
            CutoverWatch watch,
            AlarmMonitor alarms) {
        this.pairs = List.copyOf(pairs);
        this.dns = dns;
        this.queues = queues;
        this.depth = depth;
        this.services = services;
        this.ecs = ecs;
        this.watch = watch;
        this.alarms = alarms;
    }

    /**
     * Shows the traffic shifts too.
     *
     * @param open reads the shifts to show from the store: each pair's open shift, or its latest one
     *     when it ended leaving traffic on green (a RuntimeException when it cannot)
     * @param clock the bake left is counted on
     */
    public void shifts(Supplier<List<Shift>> open, Clock clock) {
        this.shifts = open;
        this.clock = clock;
    }

    /** Reads everything now (slow: call after the ack) and renders one message. */
    public Message render() {
        return render("");
    }

    /**
     * Reads the pairs, queues and services whose names start with {@code prefix} ("" for all) now
     * (slow: call after the ack) and renders one message within Slack's limits: each list is split
     * over sections, and what does not fit is counted, with the filter that shows it.
     */
    public Message render(String prefix) {
        Set<String> watched = watch.openPairs();
        List<String> pairLines = pairs.stream()
                .filter(p -> p.name().startsWith(prefix))
                .map(p -> pair(p) + (watched.contains(p.name()) ? " · :eyes: cutover being watched" : ""))
                .toList();
        List<String> queueLines = queues.queues().stream()
                .filter(q -> q.name().startsWith(prefix))
                .map(this::queue)
                .toList();
        List<String> serviceLines = services.services().stream()
                .filter(s -> s.name().startsWith(prefix))
                .map(this::service)
                .toList();
        List<String> lines = new ArrayList<>();
        lines.add("*Swap pairs*");
        lines.addAll(orNone(pairLines, prefix));
        List<String> shiftLines = shifts(prefix);
        if (!shiftLines.isEmpty()) {
            lines.add("*Traffic shifts*");
            lines.addAll(shiftLines);
        }
        lines.add("*Queues*");
        lines.addAll(orNone(queueLines, prefix));
        lines.add("*Services*");
        lines.addAll(orNone(serviceLines, prefix));
        lines.add("*Alarms in ALARM*");
        lines.addAll(alarms(prefix));
        Message.Builder m = Message.builder("Cutover status").header("Cutover status");
        if (!prefix.isEmpty()) {
            m.context("Only names starting with " + Mrkdwn.snippet(prefix) + ".");
        }
        // As few sections as Slack's 3,000 characters allow (one for a small config, as before);
        // what does not fit in the 50 blocks is counted, with the filter that shows it.
        return m.lines(
                        lines,
                        MessageLimits.BLOCKS - m.size(),
                        "`/cutover status <name prefix>` shows only what" + " starts with it")
                .build();
    }

    /** The open alarm incidents whose names start with {@code prefix}, oldest first, or one line saying why none. */
    private List<String> alarms(String prefix) {
        List<AlarmMonitor.OpenIncident> open;
        try {
            open = alarms.openIncidents();
        } catch (RuntimeException e) {
            log.warn("cannot read the open alarms: {}", e.toString());
            return List.of("• :warning: cannot read the open alarms from the store (see the bot's log)");
        }
        List<String> lines = open.stream()
                .filter(a -> a.alarm().startsWith(prefix))
                .map(a -> "• :rotating_light: " + Mrkdwn.snippet(a.alarm()) + " " + a.state() + " since "
                        + Mrkdwn.time(a.since())
                        + (a.message() == null ? "" : " · <" + a.message().archivesUrl() + "|message>"))
                .toList();
        if (lines.isEmpty()) {
            return List.of(prefix.isEmpty() ? "• none open" : "• none open whose name starts with it");
        }
        return lines;
    }

    /**
     * One line per shift to show (open, or ended leaving traffic on green: marked as needing
     * attention) of a pair whose name starts with {@code prefix}, by pair; none when
     * there is none (the heading is then left out), one line saying so when the store cannot be read.
     */
    private List<String> shifts(String prefix) {
        List<Shift> open;
        try {
            open = shifts.get();
        } catch (RuntimeException e) {
            log.warn("cannot read the open shifts: {}", e.toString());
            return List.of("• :warning: cannot read the open shifts from the store (see the bot's log)");
        }
        Instant now = clock.instant();
        return open.stream()
                .filter(s -> s.pair().startsWith(prefix))
                .sorted(Comparator.comparing(Shift::pair))
                .map(s -> s.state().isOpen()
                        ? "• :twisted_rightwards_arrows: `" + s.pair() + "`: shift `" + s.id() + "` " + s.stateWord()
                                + " · " + s.shown().percents() + " · step " + Math.max(0, s.step() + 1) + " of "
                                + s.plan().percents().size() + bakeLeft(s, now)
                        : "• :warning: `" + s.pair() + "`: shift `" + s.id() + "` " + s.leftOver())
                .toList();
    }

    /** {@code · bake 3m20s left} while a bake runs (or is paused); empty otherwise. */
    private static String bakeLeft(Shift s, Instant now) {
        if (s.state() == ShiftState.PAUSED && s.remaining() != null) {
            return " · bake " + Mrkdwn.duration(s.remaining()) + " left (paused)";
        }
        if (s.state() != ShiftState.BAKING) {
            return "";
        }
        if (s.isPropagating()) {
            return " · bake " + Mrkdwn.duration(s.plan().bake()) + " from INSYNC";
        }
        if (s.deadline() == null) {
            return "";
        }
        return now.isBefore(s.deadline())
                ? " · bake " + Mrkdwn.duration(Duration.between(now, s.deadline())) + " left"
                : " · bake over" + (s.reason() == null ? "" : ", held: health not confirmed");
    }

    /** {@code lines}, or one line saying there is nothing (to show), so no heading stands alone. */
    private static List<String> orNone(List<String> lines, String prefix) {
        return lines.isEmpty()
                ? List.of(prefix.isEmpty() ? "• none configured" : "• none whose name starts with it")
                : lines;
    }

    private String pair(SwapPair pair) {
        try {
            // A plan, not only the blue records: it refuses records that cannot be swapped.
            SwapPlan p =
                    new SwapPlan(pair, dns.read(pair.zoneId(), pair.blue()), dns.read(pair.zoneId(), pair.green()));
            return "• `" + pair.name() + "`: " + p.pair().blue() + " → " + SwapPlan.targets(p.blueBefore());
        } catch (RuntimeException e) {
            // The exception goes to the log; the reply says what failed, in words.
            log.warn("cannot read the records of {}: {}", pair.name(), e.toString());
            return "• `" + pair.name() + "`: :warning: cannot read the records from Route 53 (see the bot's log)";
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
            log.warn("cannot read ECS service {}: {}", s.name(), e.toString());
            return "• `" + s.name() + "`: :warning: cannot read the service from ECS (see the bot's log)";
        }
    }
}
