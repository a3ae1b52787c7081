package dev.cutover.ops;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Decision;
import dev.cutover.core.approval.Freeze;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The approval store, measured: every request change is a compare-and-set over a version this
 * replica just read ({@code get}), so the state read last is the state the change leaves. From that:
 *
 * <ul>
 *   <li>{@code cutover_approval_wait_seconds{decision}}: request to decision (approved, rejected,
 *       cancelled), from the request's own timestamps;
 *   <li>{@code cutover_swaps_total{kind,result}}: requests reaching submitted, done, drifted, failed
 *       or unconfirmed;
 *   <li>{@code cutover_swap_apply_seconds}: the approval to done (Route 53 INSYNC);
 *   <li>{@code cutover_cas_refusals_total{store="requests"}}: a compare-and-set another writer won.
 * </ul>
 */
public final class MeteredApprovalStore implements ApprovalStore {
    /** More requests than this remembered at once means something leaks: forget them all. */
    private static final int MAX_REMEMBERED = 10_000;

    private final ApprovalStore store;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, ApprovalState> lastRead = new ConcurrentHashMap<>();
    private final Counter refusals;
    private final Timer apply;

    public MeteredApprovalStore(ApprovalStore store, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        this.refusals = Counter.builder("cutover.cas.refusals")
                .description("Compare-and-set writes another writer won (the loser re-reads and decides again)")
                .tag("store", "requests")
                .register(registry);
        this.apply = Timer.builder("cutover.swap.apply")
                .description("From the approval to Route 53 reporting the change INSYNC")
                .serviceLevelObjectives(seconds(15), seconds(30), seconds(60), seconds(90), seconds(120), seconds(300))
                .register(registry);
    }

    @Override
    public Optional<String> createIfIdle(ApprovalRequest request) {
        Optional<String> open = store.createIfIdle(request);
        if (open.isEmpty()) {
            remember(request);
        }
        return open;
    }

    @Override
    public Optional<ApprovalRequest> get(String id) {
        Optional<ApprovalRequest> r = store.get(id);
        r.ifPresent(this::remember);
        return r;
    }

    @Override
    public Optional<String> openRequest(String pair) {
        return store.openRequest(pair);
    }

    @Override
    public boolean compareAndSet(ApprovalRequest next) {
        boolean set = store.compareAndSet(next);
        if (!set) {
            refusals.increment();
            return false;
        }
        ApprovalState before =
                next.state().isOpen() ? lastRead.put(next.id(), next.state()) : lastRead.remove(next.id());
        if (before != null && before != next.state()) {
            changed(before, next);
        }
        return true;
    }

    private void changed(ApprovalState before, ApprovalRequest next) {
        if (before == ApprovalState.PENDING) {
            Instant decided = decidedAt(next);
            if (decided != null) {
                Timer.builder("cutover.approval.wait")
                        .description("From the request to its decision (approved, rejected, cancelled)")
                        .tag("decision", next.state().name().toLowerCase())
                        .serviceLevelObjectives(
                                seconds(30), seconds(60), seconds(300), seconds(900), seconds(1800), seconds(3600))
                        .register(registry)
                        .record(nonNegative(Duration.between(next.createdAt(), decided)));
            }
        }
        switch (next.state()) {
            case SUBMITTED, DONE, DRIFTED, FAILED, UNCONFIRMED -> Counter.builder("cutover.swaps")
                    .description("Swaps and rollbacks by result")
                    .tag("kind", next.kind().name().toLowerCase())
                    .tag("result", next.state().name().toLowerCase())
                    .register(registry)
                    .increment();
            default -> {}
        }
        Instant approved = approvedAt(next);
        if (next.state() == ApprovalState.DONE && approved != null) {
            apply.record(nonNegative(Duration.between(approved, clock.instant())));
        }
    }

    private static @Nullable Instant decidedAt(ApprovalRequest r) {
        return switch (r.state()) {
            case APPROVED -> approvedAt(r);
            case REJECTED, CANCELLED -> r.closedBy() == null
                    ? null
                    : r.closedBy().at();
            default -> null;
        };
    }

    /** When the last approval came, which approved the request; null before any. */
    private static @Nullable Instant approvedAt(ApprovalRequest r) {
        return r.approvals().stream().map(Decision::at).max(Instant::compareTo).orElse(null);
    }

    private void remember(ApprovalRequest r) {
        if (!r.state().isOpen()) {
            lastRead.remove(r.id());
            return;
        }
        if (lastRead.size() >= MAX_REMEMBERED) {
            lastRead.clear();
        }
        lastRead.put(r.id(), r.state());
    }

    @Override
    public void freeze(String pair, Freeze freeze) {
        store.freeze(pair, freeze);
    }

    @Override
    public Optional<Freeze> unfreeze(String pair) {
        return store.unfreeze(pair);
    }

    @Override
    public Optional<Freeze> frozen(String pair) {
        return store.frozen(pair);
    }

    @Override
    public void recordApplied(String pair, AppliedSwap applied) {
        store.recordApplied(pair, applied);
    }

    @Override
    public Optional<AppliedSwap> lastApplied(String pair) {
        return store.lastApplied(pair);
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
