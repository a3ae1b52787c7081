package dev.cutover.core.traffic;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.approval.FourEyes;
import dev.cutover.core.approval.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The people's side of a shift: dry run, request, approval (the pair's four-eyes rules, once for
 * the whole plan, its automatic halt or revert included), pause, resume, promote and abort. Every
 * change is a compare-and-set in the {@link ShiftStore}; the {@link ShiftRunner} writes weights.
 * Calls the {@link Directory} and the backends: only after a command is acknowledged.
 */
public final class ShiftService {
    /** How often a click re-reads and retries after losing a compare-and-set race. */
    private static final int ATTEMPTS = 3;

    private static final Set<ShiftState> ABORTABLE = EnumSet.of(
            ShiftState.PENDING, ShiftState.APPLYING, ShiftState.BAKING, ShiftState.PAUSED, ShiftState.REVERTING);

    /** The ended states an abort still applies to: green may be left with traffic. */
    private static final Set<ShiftState> ABORTABLE_ENDED = EnumSet.of(ShiftState.HALTED, ShiftState.STOPPED);

    private final ShiftStore store;
    private final ApprovalStore approvals;
    private final Function<String, Optional<ShiftTarget>> targets;
    private final ShiftRunner runner;
    private final FourEyes rules;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param approvals the swap requests' store: its freezes and open requests are the pair's
     * @param targets each pair's shift settings, by name; empty when the pair has no traffic
     * @param ids new shift ids (unique, safe in a button value)
     */
    public ShiftService(
            ShiftStore store,
            ApprovalStore approvals,
            Function<String, Optional<ShiftTarget>> targets,
            ShiftRunner runner,
            Directory directory,
            Clock clock,
            Supplier<String> ids) {
        this.store = store;
        this.approvals = approvals;
        this.targets = targets;
        this.runner = runner;
        this.rules = new FourEyes(directory);
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * What a shift of {@code pair} would do from the weights read now, without storing anything.
     *
     * @param steps explicit steps (percent to green, already checked), or null for the configured ones
     */
    public ShiftOutcome dryRun(String pair, @Nullable List<Integer> steps) {
        Optional<ShiftTarget> t = targets.apply(pair);
        if (t.isEmpty()) {
            return new ShiftOutcome.NoSuchShift();
        }
        try {
            Optional<ShiftPlan> plan = plan(t.get(), steps);
            if (plan.isEmpty()) {
                return nothingToShift(t.get());
            }
            return new ShiftOutcome.Planned(plan.get(), t.get().weights());
        } catch (TrafficException e) {
            return new ShiftOutcome.Unreadable(e.getMessage());
        }
    }

    /** Asks for a shift of {@code pair}: checked like a swap request, then PENDING approval. */
    public ShiftOutcome request(String pair, @Nullable List<Integer> steps, String user, String channel) {
        Optional<ShiftTarget> t = targets.apply(pair);
        if (t.isEmpty()) {
            return new ShiftOutcome.NoSuchShift();
        }
        ApprovalPolicy policy = t.get().policy();
        Optional<Refusal> refused = rules.mayRequest(pair, policy, user, channel)
                .or(() -> approvals.frozen(pair).map(f -> new Refusal.Frozen(pair, f)));
        if (refused.isPresent()) {
            return new ShiftOutcome.Refused(refused.get());
        }
        ShiftPlan plan;
        try {
            Optional<ShiftPlan> planned = plan(t.get(), steps);
            if (planned.isEmpty()) {
                return nothingToShift(t.get());
            }
            plan = planned.get();
        } catch (TrafficException e) {
            return new ShiftOutcome.Unreadable(e.getMessage());
        }
        Shift shift = Shift.requested(
                ids.get(), plan, user, channel, policy.requiredApprovals(), clock.instant(), policy.expiry());
        Optional<String> busy = store.createIfIdle(shift);
        if (busy.isPresent()) {
            return new ShiftOutcome.Refused(busy(pair, busy.get()));
        }
        runner.audit(shift, "shift-requested", user);
        return new ShiftOutcome.Changed(shift);
    }

    /**
     * An approval of the plan; the last one needed applies the first step at once. The requester
     * never approves their own shift; only the pair's approvers do.
     */
    public ShiftOutcome approve(String id, String user) {
        return act(
                id,
                user,
                EnumSet.of(ShiftState.PENDING),
                (s, policy) -> !clock.instant().isBefore(s.expiresAt())
                        ? Optional.of(new Refusal.Expired(s.expiresAt()))
                        : approver(s, user, policy)
                                .or(() -> s.approvals().contains(user)
                                        ? Optional.of(new Refusal.AlreadyApproved(
                                                s.approvals().size(), s.requiredApprovals()))
                                        : Optional.empty()),
                (s, now) -> {
                    Shift approved = s.approvedBy(user);
                    return approved.approvals().size() < s.requiredApprovals()
                            ? approved
                            : approved.writing(ShiftState.APPLYING, s.plan().weightsAt(0), now, null)
                                    .atVersion(s.version() + 1);
                },
                "shift-approved");
    }

    /** Stops the bake's clock; anyone who may request changes of the pair may pause. */
    public ShiftOutcome pause(String id, String user) {
        return act(
                id,
                user,
                EnumSet.of(ShiftState.BAKING),
                (s, policy) -> rules.mayRequest(s.pair(), policy, user, s.channel()),
                (s, now) -> s.clock(ShiftState.PAUSED, null, left(s, now), null),
                "shift-paused");
    }

    /** Restarts the bake's clock with what was left of it. */
    public ShiftOutcome resume(String id, String user) {
        return act(
                id,
                user,
                EnumSet.of(ShiftState.PAUSED),
                (s, policy) -> rules.mayRequest(s.pair(), policy, user, s.channel()),
                (s, now) -> s.clock(
                        ShiftState.BAKING, now.plus(s.remaining() == null ? Duration.ZERO : s.remaining()), null, null),
                "shift-resumed");
    }

    /**
     * Ends the current bake now: the next step follows at once unless a threshold is crossed, also
     * when the reading does not confirm green's health (too few requests, not watched): the approver
     * takes that on. Only an approver who is not the requester may promote (it skips watching that
     * was approved).
     *
     * <p>The promotion is stored with the shift ({@link Shift#promoted()}) before anything moves:
     * when another replica's sweep changes the shift between that and this replica's move, that
     * sweep promotes it, and the answer is the shift as stored then.
     */
    public ShiftOutcome promote(String id, String user) {
        ShiftOutcome out = act(
                id,
                user,
                EnumSet.of(ShiftState.BAKING, ShiftState.PAUSED),
                (s, policy) -> s.requester().equals(user)
                        ? Optional.of(new Refusal.OwnShiftPromote(policy.approvers()))
                        : approver(s, user, policy),
                (s, now) -> s.promotedAt(now),
                "shift-promoted");
        if (!(out instanceof ShiftOutcome.Changed c)) {
            return out;
        }
        Shift s = c.shift();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Shift> moved = runner.advance(s);
            if (moved.isPresent()) {
                return new ShiftOutcome.Changed(moved.get());
            }
            Optional<Shift> latest = store.get(id);
            if (latest.isEmpty()) {
                return new ShiftOutcome.NoSuchShift();
            }
            // Unchanged (frozen, health unreadable) or moved by another replica: that is the answer.
            // Changed but still promoted (a sweep stored a reading): move it again.
            Shift now = latest.get();
            if (now.version() == s.version() || !now.promoted() || now.state() != ShiftState.BAKING) {
                return new ShiftOutcome.Changed(now);
            }
            s = now;
        }
        return new ShiftOutcome.Changed(s);
    }

    /**
     * Back to no traffic on green, from any step (a pending plan is cancelled), also after the shift
     * HALTED or STOPPED; anyone who may request changes of the pair may abort.
     *
     * <p>An ended shift no longer holds its pair and its weights are no longer its own, so its
     * abort is safe only under two conditions, checked here and again at the write: it takes the
     * pair's one open-change slot again (refused while a swap or another shift holds it: two writers
     * must not interleave), and the weights are still what the shift last wrote ({@link
     * Shift#live()}). Weights someone changed since (the drift that stopped it, or a hand-made fix)
     * are that person's decision, which an abort must not undo unseen: the abort is refused with
     * the difference ({@link ShiftOutcome.Drifted}) and nothing is written. The write itself is a
     * compare-and-swap against those same weights (Route 53 refuses the batch if they moved in
     * between; an ALB's window is one round trip), also when another replica takes it over.
     */
    public ShiftOutcome abort(String id, String user) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Shift> read = store.get(id);
            if (read.isEmpty() || !ABORTABLE_ENDED.contains(read.get().state())) {
                return abortOpen(id, user);
            }
            Optional<ShiftOutcome> out = abortEnded(read.get(), user);
            if (out.isPresent()) {
                return out.get();
            }
        }
        return new ShiftOutcome.Refused(new Refusal.TooManyDeciders());
    }

    /** The abort of a HALTED or STOPPED {@code s}; empty when another writer changed it first. */
    private Optional<ShiftOutcome> abortEnded(Shift s, String user) {
        Optional<ShiftTarget> t = targets.apply(s.pair());
        if (t.isEmpty()) {
            return Optional.of(new ShiftOutcome.NoSuchShift());
        }
        Optional<Refusal> refused = rules.mayRequest(s.pair(), t.get().policy(), user, s.channel());
        if (refused.isPresent()) {
            return Optional.of(new ShiftOutcome.Refused(refused.get()));
        }
        Weights now;
        try {
            now = t.get().weights().read();
        } catch (TrafficException e) {
            return Optional.of(new ShiftOutcome.Unreadable(e.getMessage()));
        }
        if (!now.equals(s.live())) {
            return Optional.of(new ShiftOutcome.Drifted(s.pair(), s.live(), now));
        }
        Shift claimed = s.abortingEnded(clock.instant());
        Optional<String> busy = runner.reopen(s, claimed, "shift-abort-requested", user);
        if (busy.isEmpty()) {
            return Optional.of(new ShiftOutcome.Changed(runner.write(claimed).orElse(claimed)));
        }
        return busy.get().equals(s.id())
                ? Optional.empty()
                : Optional.of(new ShiftOutcome.Refused(busy(s.pair(), busy.get())));
    }

    private ShiftOutcome abortOpen(String id, String user) {
        return act(
                id,
                user,
                ABORTABLE,
                (s, policy) -> rules.mayRequest(s.pair(), policy, user, s.channel()),
                (s, now) -> s.state() == ShiftState.PENDING
                        ? s.ended(ShiftState.CANCELLED, null)
                        // A write in flight keeps its claim: its writer (or, if it died, the
                        // takeover) writes all-blue after its own write, never beside it.
                        : s.writing(
                                ShiftState.ABORTING,
                                s.plan().allBlue(),
                                s.state().isWriting() && s.claimedAt() != null ? s.claimedAt() : now,
                                null),
                "shift-abort-requested");
    }

    /**
     * Records where the shift's message was posted, so later changes update it.
     *
     * @return the stored shift, or empty when it is gone
     */
    public Optional<Shift> posted(String id, dev.cutover.core.chat.MessageRef ref) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Shift> s = store.get(id);
            if (s.isEmpty()) {
                return s;
            }
            Optional<Shift> stored = runner.store(s.get(), s.get().postedAt(ref), null, null);
            if (stored.isPresent()) {
                return stored;
            }
        }
        return store.get(id);
    }

    /** The pair's most recent shift, open or not. */
    public Optional<Shift> latest(String pair) {
        return store.latest(pair).flatMap(store::get);
    }

    /**
     * The pair's most recent shift when people need to see it: while open, and after it ended
     * leaving traffic on green ({@link Shift#leftGreenTraffic()}).
     */
    public Optional<Shift> shown(String pair) {
        return latest(pair).filter(s -> s.state().isOpen() || s.leftGreenTraffic());
    }

    /** {@link #shown(String)} of each of {@code pairs}, in their order. */
    public List<Shift> shown(java.util.Collection<String> pairs) {
        return pairs.stream().map(this::shown).flatMap(Optional::stream).toList();
    }

    /** Every open shift, as stored now. */
    public List<Shift> open() {
        return store.openIds().stream()
                .map(store::get)
                .flatMap(Optional::stream)
                .filter(s -> s.state().isOpen())
                .toList();
    }

    /** The shift with {@code id}. */
    public Optional<Shift> get(String id) {
        return store.get(id);
    }

    private interface Check {
        Optional<Refusal> apply(Shift s, ApprovalPolicy policy);
    }

    /**
     * Re-reads the shift, checks its state and the rules, and stores the change; a lost race is
     * re-read and decided again. A change into a writing state is then written by this replica.
     */
    private ShiftOutcome act(
            String id,
            String user,
            Set<ShiftState> from,
            Check check,
            BiFunction<Shift, Instant, Shift> change,
            String action) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Shift> read = store.get(id);
            Optional<ShiftTarget> t = read.flatMap(s -> targets.apply(s.pair()));
            if (read.isEmpty() || t.isEmpty()) {
                return new ShiftOutcome.NoSuchShift();
            }
            Shift s = read.get();
            if (!from.contains(s.state())) {
                return new ShiftOutcome.WrongState(s);
            }
            Optional<Refusal> refused = check.apply(s, t.get().policy());
            if (refused.isPresent()) {
                return new ShiftOutcome.Refused(refused.get());
            }
            Optional<Shift> stored = runner.store(s, change.apply(s, clock.instant()), action, user);
            if (stored.isPresent()) {
                Shift now = stored.get();
                // Written here only when no write was in flight: that writer finishes it otherwise
                // (unless its replica handed the claim back when it stopped: then nobody holds it).
                boolean ours = now.state().isWriting() && (!s.state().isWriting() || s.claimedAt() == null);
                return new ShiftOutcome.Changed(ours ? runner.write(now).orElse(now) : now);
            }
        }
        return new ShiftOutcome.Refused(new Refusal.TooManyDeciders());
    }

    /** Why {@code pair} is busy: the request or the shift with {@code openId} holds it. */
    private Refusal busy(String pair, String openId) {
        Optional<dev.cutover.core.approval.ApprovalRequest> request = approvals.get(openId);
        if (request.isEmpty()) {
            Optional<Shift> shift = store.get(openId);
            if (shift.isPresent()) {
                Shift other = shift.get();
                return new Refusal.ShiftBusy(pair, other.id(), other.stateWord(), other.requester());
            }
        }
        return new Refusal.Busy(pair, openId, request);
    }

    private Optional<Refusal> approver(Shift s, String user, ApprovalPolicy policy) {
        if (s.requester().equals(user)) {
            return Optional.of(new Refusal.OwnRequest(policy.approvers()));
        }
        return directory.matches(user, policy.approvers())
                ? Optional.empty()
                : Optional.of(new Refusal.NotApprover(s.pair(), policy.approvers()));
    }

    /**
     * The plan from the weights read now. Steps at or below green's current share are left out: a
     * shift only moves traffic towards green (after a halted shift it goes on from where it stopped;
     * after a finished one there is nothing left to do).
     *
     * @return empty when no step is above green's current share
     */
    private Optional<ShiftPlan> plan(ShiftTarget t, @Nullable List<Integer> steps) {
        Weights now = t.weights().read();
        List<Integer> ahead = (steps == null ? t.steps() : steps)
                .stream().filter(p -> p > now.greenPercent()).toList();
        return ahead.isEmpty()
                ? Optional.empty()
                : Optional.of(ShiftPlan.of(t.pair(), now, ahead, t.scale(), t.bake(), t.onAlarm()));
    }

    private static ShiftOutcome nothingToShift(ShiftTarget t) {
        return new ShiftOutcome.NothingToShift(t.pair(), t.weights().read().greenPercent());
    }

    private static Duration left(Shift s, Instant now) {
        // A step still propagating has its whole bake ahead: it starts when the change is live.
        if (s.isPropagating()) {
            return s.plan().bake();
        }
        return s.deadline() == null || now.isAfter(s.deadline()) ? Duration.ZERO : Duration.between(now, s.deadline());
    }
}
