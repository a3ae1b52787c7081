package dev.cutover.core.traffic;

import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.swap.SwapWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves shifts along their stored timers: any replica's {@link #sweep} acts on every open shift
 * whose deadline passed, whose health crossed a threshold, or whose write was left unfinished.
 *
 * <p>Each weight write happens once across replicas: a replica first claims it by a compare-and-set
 * of the shift into a writing state (APPLYING, REVERTING, ABORTING) with the target weights, and
 * only the winner writes. A claim older than {@code takeover} (its replica died or the service
 * failed) is claimed again by the next sweep, which first reads the weights: already the target
 * means the write happened and only the state is recorded.
 *
 * <p>On shutdown a replica hands back the claims it still holds ({@link #handBackAll}): each claim
 * is cleared in the store, so the next sweep of any replica takes the write over at once instead
 * of after {@code takeover}. A write handed back while its call was still in flight may land after
 * all; the takeover reads first, and its compare-and-swap refuses to write beside it.
 */
public final class ShiftRunner {
    private static final Logger log = LoggerFactory.getLogger(ShiftRunner.class);

    private final ShiftStore store;
    private final ApprovalStore approvals;
    private final Function<String, Optional<ShiftTarget>> targets;
    private final ShiftHealth health;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration takeover;
    private final ShiftObserver observer;
    /**
     * How often this replica asks the backend whether a propagating step's change is live, per
     * shift: Route 53 allows 5 requests a second per account for GetChange and the rest of its API
     * together, and a sweep runs about every second on every replica.
     */
    public static final Duration CHANGE_POLL = Duration.ofSeconds(5);

    /**
     * When this replica last asked about each propagating shift's change, by shift id: in memory
     * only, so each replica polls at most once per {@link #CHANGE_POLL} per shift (n replicas at
     * most n times); a restart forgets it and polls at its first sweep.
     */
    private final Map<String, Instant> polled = new ConcurrentHashMap<>();

    private static final Duration STALE_POLL = Duration.ofMinutes(1);

    /** The write claims this replica holds now, by shift id: what it hands back when it stops. */
    private final Map<String, Shift> held = new ConcurrentHashMap<>();

    private volatile boolean stopping;

    /**
     * @param approvals where the pair's freeze is kept: a frozen pair's shift does not advance
     * @param targets each pair's shift settings, by name; empty when the pair has no traffic
     * @param takeover how old a write claim must be before another replica takes it over
     */
    public ShiftRunner(
            ShiftStore store,
            ApprovalStore approvals,
            Function<String, Optional<ShiftTarget>> targets,
            ShiftHealth health,
            AuditLog audit,
            Clock clock,
            Duration takeover,
            ShiftObserver observer) {
        this.store = store;
        this.approvals = approvals;
        this.targets = targets;
        this.health = health;
        this.audit = audit;
        this.clock = clock;
        this.takeover = takeover;
        this.observer = observer;
    }

    /** One pass over every open shift; returns how many this replica changed (none once stopping). */
    public int sweep() {
        if (stopping) {
            return 0;
        }
        int changed = 0;
        for (String id : store.openIds()) {
            Optional<Shift> s = store.get(id);
            if (s.isPresent() && s.get().state().isOpen() && advance(s.get()).isPresent()) {
                changed++;
            }
        }
        return changed;
    }

    /** Moves {@code s} along if one of its timers is due; returns the stored result when it changed. */
    public Optional<Shift> advance(Shift s) {
        Instant now = clock.instant();
        return switch (s.state()) {
            case PENDING -> now.isBefore(s.expiresAt())
                    ? Optional.empty()
                    : store(s, s.ended(ShiftState.EXPIRED, "not approved in time"), "shift-expired");
            case BAKING -> bake(s, now);
            case APPLYING, REVERTING, ABORTING -> s.claimedAt() == null
                            || !now.isBefore(s.claimedAt().plus(takeover))
                    ? store(s, s.writing(s.state(), s.target(), now, null), "shift-write-taken-over")
                            .flatMap(this::write)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Reads the health of a baking shift: a crossed threshold halts or reverts it at once; at the
     * end of the bake the next step follows only on a reading that confirms green's health, or on
     * any reading without crossed thresholds once an approver promoted the step ({@link
     * Shift#promoted()}, stored, so whichever replica moves the shift next honours it: the
     * approver takes the unconfirmed health on). A bake that ends unconfirmed holds the step with
     * the reason shown, and each sweep reads again until a reading confirms it or someone acts.
     */
    private Optional<Shift> bake(Shift s, Instant now) {
        boolean promoted = s.promoted();
        ShiftHealth.Reading reading;
        try {
            // While the step propagates its health is read too, from the change on: traffic that
            // already moved can cross a threshold before Route 53 reports INSYNC.
            Instant since = s.stepStartedAt() != null ? s.stepStartedAt() : s.changedAt() != null ? s.changedAt() : now;
            reading = health.read(s.pair(), since);
        } catch (RuntimeException e) {
            // No reading, no judgement: the step neither advances nor halts until the next sweep reads.
            log.warn("shift {} of {}: health not readable, waiting", s.id(), s.pair(), e);
            return s.isPropagating() ? propagate(s, now) : Optional.empty();
        }
        Shift seen = s.withHealth(reading.summary()).atVersion(s.version() + 1);
        if (s.isPropagating() && reading.healthy()) {
            return propagate(s, now);
        }
        if (!reading.healthy()) {
            String why = String.join("; ", reading.breaches());
            return s.plan().onAlarm() == ShiftPlan.OnAlarm.HALT
                    ? store(s, seen.ended(ShiftState.HALTED, why).atVersion(s.version() + 1), "shift-halted")
                    : store(
                                    s,
                                    seen.writing(ShiftState.REVERTING, s.lastHealthy(), now, why)
                                            .atVersion(s.version() + 1),
                                    "shift-reverting")
                            .flatMap(this::write);
        }
        if (s.deadline() == null
                || now.isBefore(s.deadline())
                || approvals.frozen(s.pair()).isPresent()) {
            return reading.summary().equals(s.health()) ? Optional.empty() : store(s, seen, null);
        }
        if (!promoted && !reading.confirmed()) {
            // No crossed threshold is not the same as healthy: green may have had no traffic at all.
            String held = reading.unconfirmed() + ": its health is not confirmed; an approver can Promote now";
            if (held.equals(s.reason())) {
                return reading.summary().equals(s.health()) ? Optional.empty() : store(s, seen, null);
            }
            return store(s, seen.held(held).atVersion(s.version() + 1), "shift-held");
        }
        // A hold's reason is over once the step moves on.
        Shift moving = seen.held(null).atVersion(s.version() + 1);
        if (s.plan().isLast(s.step())) {
            return store(s, moving.ended(ShiftState.DONE, null).atVersion(s.version() + 1), "shift-done");
        }
        Weights next = s.plan().weightsAt(s.step() + 1);
        return store(s, moving.writing(ShiftState.APPLYING, next, now, null).atVersion(s.version() + 1), null)
                .flatMap(this::write);
    }

    /**
     * Asks the backend once whether the live step's change is live everywhere (Route 53: INSYNC,
     * one GetChange as the swaps' sweep polls), at most once per {@link #CHANGE_POLL} per shift on
     * this replica; when it is, the step's bake starts now.
     */
    private Optional<Shift> propagate(Shift s, Instant now) {
        Optional<ShiftTarget> target = targets.apply(s.pair());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Instant last = polled.get(s.id());
        if (last != null && now.isBefore(last.plus(CHANGE_POLL)) && !now.isBefore(last)) {
            return Optional.empty();
        }
        polled.put(s.id(), now);
        // An entry not renewed for a minute is of a shift no longer propagating: dropped here.
        polled.entrySet().removeIf(e -> e.getValue().plus(STALE_POLL).isBefore(now));
        try {
            if (!target.get().weights().live(s.change())) {
                Instant since = s.changedAt();
                if (since != null && !now.isBefore(since.plus(SwapWorkflow.PROPAGATION_LIMIT))) {
                    // As a swap's change: never "failed" (Route 53 accepted it), but not waited on for ever.
                    return store(
                            s,
                            s.ended(
                                            ShiftState.STOPPED,
                                            "change " + s.change() + " still not INSYNC after "
                                                    + SwapWorkflow.PROPAGATION_LIMIT.toMinutes()
                                                    + " min; check the Route 53 console. The weights it set stay as they are.")
                                    .atVersion(s.version() + 1),
                            "shift-stopped");
                }
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            log.warn(
                    "shift {} of {}: change {} not readable, asking again in {} s: {}",
                    s.id(),
                    s.pair(),
                    s.change(),
                    CHANGE_POLL.toSeconds(),
                    e.getMessage());
            return Optional.empty();
        }
        return store(s, s.insync(now, now.plus(s.plan().bake())), "shift-step-insync");
    }

    /**
     * Writes the weights {@code claimed} holds the claim for, then records the outcome.
     *
     * @return the stored shift after the write, or empty when it could not be recorded (a newer
     *     version won, e.g. an abort) or the write must be tried again
     */
    Optional<Shift> write(Shift claimed) {
        held.put(claimed.id(), claimed);
        try {
            return writeClaimed(claimed);
        } finally {
            if (stopping) {
                // Not recorded while stopping (interrupted, failed): another replica takes it over now.
                handBack(claimed.id());
            } else {
                held.remove(claimed.id(), claimed);
            }
        }
    }

    /**
     * From now on this replica stops: write claims it still holds, and those whose write ends
     * unrecorded, are handed back. Then hands back every claim still held (a write stuck in its
     * call), each with one log line.
     *
     * @return how many claims were handed back by this call
     */
    public int handBackAll() {
        stopping = true;
        int n = 0;
        for (String id : List.copyOf(held.keySet())) {
            n += handBack(id) ? 1 : 0;
        }
        return n;
    }

    /** Marks this replica as stopping: a write that ends unrecorded from now on is handed back at once. */
    public void stopWriting() {
        stopping = true;
    }

    /**
     * Hands back the claim held on shift {@code id}, once: when the store still shows it (a writing
     * state claimed at the same instant), the claim is cleared with one log line.
     *
     * @return true when this call handed it back
     */
    private boolean handBack(String id) {
        Shift claimed = held.remove(id);
        if (claimed == null) {
            return false;
        }
        boolean interrupted = Thread.interrupted();
        try {
            Optional<Shift> now = store.get(id);
            if (now.isEmpty()
                    || !now.get().state().isWriting()
                    || !Objects.equals(now.get().claimedAt(), claimed.claimedAt())) {
                return false;
            }
            Shift back = now.get().handedBack();
            if (!store.compareAndSet(back)) {
                return false;
            }
            log.info(
                    "handed back the shift {} of {} ({} to {}): another replica or the next start takes its write"
                            + " over",
                    id,
                    back.pair(),
                    back.state().word(),
                    back.target());
            observer.changed(now.get(), back);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "could not hand back the shift {} of {} ({}); its claim is taken over within {} s",
                    id,
                    claimed.pair(),
                    e.toString(),
                    takeover.toSeconds());
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<Shift> writeClaimed(Shift claimed) {
        Optional<ShiftTarget> target = targets.apply(claimed.pair());
        if (target.isEmpty()) {
            return store(
                    claimed, claimed.ended(ShiftState.STOPPED, "the pair has no traffic: any more"), "shift-stopped");
        }
        TrafficWeights weights = target.get().weights();
        Weights to = claimed.target();
        String comment = "shift " + claimed.pair() + " " + claimed.id() + " "
                + claimed.state().word() + " to " + to;
        Optional<String> change = Optional.empty();
        try {
            Weights now = weights.read();
            if (!now.equals(to)) {
                // An abort of a running shift compares against what it reads (its own step write may
                // have landed); the abort of an ended one against what it last wrote (see ShiftService#abort).
                Weights expected = claimed.state() != ShiftState.ABORTING
                        ? claimed.live()
                        : claimed.expected() != null ? claimed.expected() : now;
                change = weights.change(expected, to, comment);
            }
        } catch (TrafficException e) {
            if (e.kind() == TrafficException.Kind.THROTTLED || e.kind() == TrafficException.Kind.AWS_ERROR) {
                log.warn(
                        "shift {} of {}: weight write failed, another sweep retries it",
                        claimed.id(),
                        claimed.pair(),
                        e);
                return Optional.empty();
            }
            return store(claimed, claimed.ended(ShiftState.STOPPED, e.getMessage()), "shift-stopped");
        }
        Instant at = clock.instant();
        Optional<Shift> recorded =
                switch (claimed.state()) {
                        // A change that still propagates (Route 53 until INSYNC) is stored, so that any
                        // replica's sweep goes on asking for it and starts the bake when it is live.
                    case APPLYING -> store(
                            claimed,
                            change.isPresent()
                                    ? claimed.propagating(
                                            claimed.step() + 1,
                                            change.get(),
                                            claimed.plan().weightsAt(claimed.step()),
                                            at)
                                    : claimed.baking(
                                            claimed.step() + 1,
                                            at,
                                            at.plus(claimed.plan().bake()),
                                            claimed.plan().weightsAt(claimed.step())),
                            "shift-step-applied");
                    case REVERTING -> store(claimed, claimed.ended(ShiftState.REVERTED, null), "shift-reverted");
                        // The reason of what came before (a drift, a breach) no longer describes it.
                    default -> store(
                            claimed,
                            claimed.ended(ShiftState.ABORTED, null).held(null).atVersion(claimed.version() + 1),
                            "shift-aborted");
                };
        if (recorded.isEmpty() && claimed.state() != ShiftState.ABORTING) {
            // An abort came while this write was in flight and left it to this writer: now that
            // this write has landed, go back to all-blue (see ShiftService#abort).
            Optional<Shift> latest = store.get(claimed.id());
            if (latest.isPresent()
                    && latest.get().state() == ShiftState.ABORTING
                    && Objects.equals(latest.get().claimedAt(), claimed.claimedAt())) {
                return write(latest.get());
            }
        }
        return recorded;
    }

    /** Stores {@code next} over {@code before} as the system's doing; see {@link #store(Shift, Shift, String, String)}. */
    Optional<Shift> store(Shift before, Shift next, @Nullable String action) {
        return store(before, next, action, null);
    }

    /**
     * Stores {@code next} over {@code before}; audits {@code action} (when not null) as {@code
     * user}'s (null: the system's) and tells the observer.
     *
     * @return the stored shift; empty when another writer changed it first
     */
    Optional<Shift> store(Shift before, Shift next, @Nullable String action, @Nullable String user) {
        if (!store.compareAndSet(next)) {
            return Optional.empty();
        }
        if (action != null) {
            audit(next, action, user);
        }
        observer.changed(before, next);
        return Optional.of(next);
    }

    /**
     * Stores {@code next}, an open state, over the ended {@code before} and takes its pair again;
     * audits {@code action} as {@code user}'s and tells the observer.
     *
     * @return empty when stored; otherwise the id of the change holding the pair, or the shift's own
     *     id when another writer changed it first
     */
    Optional<String> reopen(Shift before, Shift next, String action, String user) {
        Optional<String> busy = store.reopenIfIdle(next);
        if (busy.isEmpty()) {
            audit(next, action, user);
            observer.changed(before, next);
        }
        return busy;
    }

    /** Appends {@code action} on {@code s} by {@code user} (null: the system) to the audit log. */
    void audit(Shift s, String action, @Nullable String user) {
        audit.append(new AuditEvent(clock.instant(), s.pair(), s.id(), action, user, detail(s)));
    }

    static Map<String, String> detail(Shift s) {
        Map<String, String> d = new java.util.TreeMap<>();
        d.put("state", s.state().word());
        d.put("step", Integer.toString(s.step() + 1));
        d.put("weights", (s.target() != null ? s.target() : s.live()).toString());
        if (s.reason() != null) {
            d.put("reason", s.reason());
        }
        return d;
    }
}
