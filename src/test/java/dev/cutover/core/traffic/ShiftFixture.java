package dev.cutover.core.traffic;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.memory.InMemoryAuditLog;
import dev.cutover.memory.InMemoryTrafficWeights;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica's shift service and runner over given stores, a fixed clock, and a health reading
 * the test sets: pair {@code web}, requester U-REQ, approver U-APP, bake 5 minutes, steps 10/50/100.
 */
public final class ShiftFixture {
    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    public static final String PAIR = "web";
    public static final String CHANNEL = "C-OPS";
    public static final String REQUESTER = "U-REQ";
    public static final String APPROVER = "U-APP";
    public static final Duration BAKE = Duration.ofMinutes(5);
    public static final ApprovalPolicy POLICY =
            new ApprovalPolicy(Set.of(), Set.of(), Set.of(APPROVER, "U-APP2"), 1, Duration.ofMinutes(15), false);

    private static final AtomicInteger IDS = new AtomicInteger();

    public final MutableClock clock;
    public final TrafficWeights weights;
    public final AuditLog audit;
    public final ShiftRunner runner;
    public final ShiftService service;
    public final List<String> observed = new ArrayList<>();
    /** The next health reading; healthy (with enough requests to say so) unless a test sets another. */
    public volatile ShiftHealth.Reading health = new ShiftHealth.Reading("5XX 0.1% of 1200 · p95 0.20 s", List.of());
    /** When set, the health the runner reads instead of {@link #health}. */
    public volatile ShiftHealth source;

    public ShiftFixture(
            ShiftStore store,
            ApprovalStore approvals,
            TrafficWeights weights,
            MutableClock clock,
            ShiftPlan.OnAlarm onAlarm) {
        this.clock = clock;
        this.weights = weights;
        this.audit = new InMemoryAuditLog();
        ShiftTarget target = new ShiftTarget(PAIR, POLICY, weights, List.of(10, 50, 100), 100, BAKE, onAlarm);
        java.util.function.Function<String, Optional<ShiftTarget>> targets =
                p -> p.equals(PAIR) ? Optional.of(target) : Optional.empty();
        this.runner = new ShiftRunner(
                store,
                approvals,
                targets,
                (pair, since) -> source != null ? source.read(pair, since) : health,
                audit,
                clock,
                Duration.ofSeconds(30),
                (before, after) -> {
                    synchronized (observed) {
                        observed.add(before.state().word() + "→" + after.state().word());
                    }
                });
        this.service = new ShiftService(
                store, approvals, targets, runner, group -> Set.of(), clock, () -> "s" + IDS.incrementAndGet());
    }

    /** All blue, Route 53's highest weight, as an in-memory backend. */
    public static InMemoryTrafficWeights allBlue() {
        return new InMemoryTrafficWeights(new Weights(100, 0), 255);
    }

    /** Requests the default steps and approves them: step 1 (10 %) is live and baking. */
    public Shift started() {
        Shift s = ((ShiftOutcome.Changed) service.request(PAIR, null, REQUESTER, CHANNEL)).shift();
        return ((ShiftOutcome.Changed) service.approve(s.id(), APPROVER)).shift();
    }

    /** The audit actions so far, oldest first. */
    public List<String> actions() {
        List<String> newestFirst = new ArrayList<>(
                audit.recent(PAIR, 1000).stream().map(e -> e.action()).toList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
