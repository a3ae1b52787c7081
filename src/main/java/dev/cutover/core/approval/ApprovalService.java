package dev.cutover.core.approval;

import dev.cutover.core.approval.RequestUpdates.Step;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.SwapPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The life of change requests in an {@link ApprovalStore}: open, decide, expire, apply, finish.
 * Who may do what is {@link FourEyes}'s; freezes are {@link Freezes}'. Every decision is a
 * compare-and-set on the stored request; a click that loses a race re-reads and decides again, so
 * a second click, a retry or a second replica gets "already decided" instead of a second apply.
 */
public final class ApprovalService {
    private final ApprovalStore store;
    private final RequestAudit audit;
    private final RequestUpdates updates;
    private final FourEyes rules;
    private final Freezes freezes;
    private final ApplyLeases leases;
    private volatile java.util.function.Function<String, Optional<Refusal>> others = id -> Optional.empty();
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param directory resolves user groups in policies (may call the chat service)
     * @param ids makes request ids (unguessable: they are the only thing a button carries)
     * @param onExpired hears of every request this service expires
     */
    public ApprovalService(
            ApprovalStore store,
            AuditLog audit,
            Directory directory,
            Clock clock,
            Supplier<String> ids,
            ExpiryListener onExpired) {
        this.store = store;
        this.audit = new RequestAudit(audit, clock);
        this.rules = new FourEyes(directory);
        this.freezes = new Freezes(store, audit, rules, clock);
        this.clock = clock;
        this.ids = ids;
        this.updates = new RequestUpdates(store, this.audit, clock, onExpired);
        this.leases = new ApplyLeases(store, updates, clock);
    }

    /** A service whose expiries nobody hears of. */
    public ApprovalService(
            ApprovalStore store, AuditLog audit, Directory directory, Clock clock, Supplier<String> ids) {
        this(store, audit, directory, clock, ids, r -> {});
    }

    /**
     * From now on a pair held by a change that is not a request (a traffic shift, sharing the pair's
     * open-change slot) is refused with what {@code others} says of it ({@link Refusal.ShiftBusy}),
     * not with its bare id.
     *
     * @param others the refusal naming the change with that id, or empty when it is none of theirs
     */
    public void describeOtherChanges(java.util.function.Function<String, Optional<Refusal>> others) {
        this.others = java.util.Objects.requireNonNull(others, "others");
    }

    /** The owner leases of applies. */
    public ApplyLeases leases() {
        return leases;
    }

    /** The freezes of the pairs, under the same rules. */
    public Freezes freezes() {
        return freezes;
    }

    /**
     * Checks whether {@code user} may ask for a change of {@code pair} in {@code channel} now
     * (channel, requesters, freeze, an open request), before the slow part starts. Reads the store
     * and may resolve user groups: only after the command was acknowledged.
     *
     * @return the refusal, or empty when allowed
     */
    public Optional<Refusal> precheck(String pair, ApprovalPolicy policy, String user, String channel) {
        return rules.mayRequest(pair, policy, user, channel)
                .or(() -> freezes.frozen(pair))
                .or(() -> store.openRequest(pair).flatMap(id -> busy(pair, id)));
    }

    /**
     * Opens a request for {@code plan}, unless the pair already has one open.
     *
     * @return the new request (PENDING), or a refusal
     */
    public Outcome open(ChangeKind kind, SwapPlan plan, ApprovalPolicy policy, String requester, String channel) {
        Instant now = clock.instant();
        ApprovalRequest r = new ApprovalRequest(
                ids.get(),
                1,
                kind,
                plan,
                requester,
                channel,
                null,
                ApprovalState.PENDING,
                policy.requiredApprovals(),
                now,
                now.plus(policy.expiry()),
                List.of(),
                null,
                null,
                null);
        String pair = plan.pair().name();
        for (int i = 0; i < 2; i++) {
            Optional<String> open = store.createIfIdle(r);
            if (open.isEmpty()) {
                audit.requested(r, requester);
                return new Outcome.Done(r);
            }
            Optional<Refusal> why = busy(pair, open.get());
            if (why.isPresent()) {
                return new Outcome.Refused(why.get());
            }
        }
        return new Outcome.Refused(new Refusal.StillBusy(pair));
    }

    /**
     * Approves request {@code id} as {@code user} under {@link FourEyes#mayApprove}. Nobody may
     * approve while the pair is frozen: a freeze declared after the request stops it too.
     *
     * @param breakGlassReason the reason typed for a break-glass self-approval, or null
     * @return the request after the approval (APPROVED once enough distinct approvers agreed), or a refusal
     */
    public Outcome approve(String id, String user, @Nullable String breakGlassReason, ApprovalPolicy policy) {
        boolean selfApproval =
                store.get(id).map(r -> r.requester().equals(user)).orElse(false);
        return updates.decide(
                id,
                selfApproval ? "break-glass" : "approved",
                user,
                r -> Step.unless(
                        freezes.frozen(r.pair()).or(() -> rules.mayApprove(r, user, breakGlassReason, policy)), () -> {
                            boolean own = r.requester().equals(user);
                            return r.withApproval(
                                    new Decision(user, clock.instant(), own ? breakGlassReason.strip() : null, own));
                        }));
    }

    /**
     * Approves pending request {@code id} in the name of the pair's config, which approved it in
     * advance ({@code rollbackOnAlarm}): audited as {@code pre-approved} by {@code actor} with {@code
     * reason}. Refused while the pair is frozen.
     */
    public Outcome preApprove(String id, String actor, String reason) {
        return updates.decide(
                id,
                "pre-approved",
                actor,
                r -> Step.unless(
                        freezes.frozen(r.pair()),
                        () -> r.preApproved(new Decision(actor, clock.instant(), reason, false))));
    }

    /** Rejects request {@code id}; only approvers may, and a reason is required (null: none typed). */
    public Outcome reject(String id, String user, @Nullable String reason, ApprovalPolicy policy) {
        return updates.decide(
                id,
                "rejected",
                user,
                r -> Step.unless(
                        rules.mayReject(r, user, reason, policy),
                        () -> r.closed(
                                ApprovalState.REJECTED, new Decision(user, clock.instant(), reason.strip(), false))));
    }

    /** Cancels request {@code id}; only its requester may. */
    public Outcome cancel(String id, String user) {
        return updates.decide(
                id,
                "cancelled",
                user,
                r -> Step.unless(
                        rules.mayCancel(r, user),
                        () -> r.closed(ApprovalState.CANCELLED, new Decision(user, clock.instant(), null, false))));
    }

    /**
     * Expires request {@code id} if it is still pending past its expiry, telling the listener.
     *
     * @return the expired request, or empty when it was not due (or someone else expired it)
     */
    public Optional<ApprovalRequest> expireIfDue(String id) {
        return updates.expireIfDue(id);
    }

    /**
     * Moves an approved request to APPLYING; only one caller ever gets it.
     *
     * @return the request in APPLYING for the winner, empty for everyone else
     */
    public Optional<ApprovalRequest> beginApply(String id) {
        return store.get(id)
                .filter(r -> r.state() == ApprovalState.APPROVED)
                .flatMap(r -> updates.commit(r.withState(ApprovalState.APPLYING), "applying", "system"));
    }

    /** Ends an approved or applying request in DONE, FAILED or DRIFTED with a result for people. */
    public ApprovalRequest finish(String id, ApprovalState end, String outcome) {
        return updates.update(
                id,
                r -> r.state().canBecome(end) ? Optional.of(r.finished(end, outcome)) : Optional.empty(),
                "system",
                Map.of("result", outcome));
    }

    /**
     * Closes a still-pending request that nobody can act on (e.g. its message could not be posted) as
     * cancelled by the bot with {@code reason}, so that it no longer holds its pair. A request that
     * is no longer pending is left as it is.
     *
     * @return the request as stored afterwards
     */
    public ApprovalRequest abandon(String id, String reason) {
        return updates.update(
                id,
                r -> r.state() == ApprovalState.PENDING
                        ? Optional.of(r.closed(
                                ApprovalState.CANCELLED, new Decision("system", clock.instant(), reason, false)))
                        : Optional.empty(),
                "system",
                Map.of("reason", reason));
    }

    /** Records the message that shows request {@code id}, so later decisions can update it. */
    public ApprovalRequest attachMessage(String id, MessageRef ref) {
        return updates.update(id, r -> Optional.of(r.postedAt(ref)), null, Map.of());
    }

    /** The request with {@code id}, if any. */
    public Optional<ApprovalRequest> get(String id) {
        return store.get(id);
    }

    private Optional<Refusal> busy(String pair, String openId) {
        Optional<ApprovalRequest> open = store.get(openId);
        if (open.isPresent() && expireIfDue(openId).isPresent()) {
            return Optional.empty();
        }
        if (open.isEmpty()) {
            Optional<Refusal> other = others.apply(openId);
            if (other.isPresent()) {
                return other;
            }
        }
        return Optional.of(new Refusal.Busy(pair, openId, open));
    }
}
