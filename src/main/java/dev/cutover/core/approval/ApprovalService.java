package dev.cutover.core.approval;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Mrkdwn;
import dev.cutover.core.swap.SwapPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The four-eyes approval rules over an {@link ApprovalStore}: who may request, approve, reject or
 * cancel, counting distinct approvers, expiry, freezes and break-glass. Every decision is a
 * compare-and-set on the stored request; a click that loses a race re-reads and decides again, so
 * a second click, a retry or a second replica gets "already decided" instead of a second apply.
 */
public final class ApprovalService {
    private static final int MAX_RACES = 10;

    private final ApprovalStore store;
    private final AuditLog audit;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;
    private volatile java.util.function.Consumer<ApprovalRequest> onExpired = r -> {};

    /**
     * @param ids makes request ids (unguessable: they are the only thing a button carries)
     */
    public ApprovalService(
            ApprovalStore store, AuditLog audit, Directory directory, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Registers who hears of each request this service expires, whichever call noticed it (a late
     * click, a new request on the pair, or the periodic sweep), so its message can say so.
     */
    public void onExpired(java.util.function.Consumer<ApprovalRequest> listener) {
        this.onExpired = listener;
    }

    /**
     * Checks whether {@code user} may ask for a change of {@code pair} in {@code channel} now,
     * before the slow part (reading the records) starts.
     *
     * @return the reason for a refusal, or empty when allowed
     */
    public Optional<String> precheck(String pair, ApprovalPolicy policy, String user, String channel) {
        if (!policy.channels().isEmpty() && !policy.channels().contains(channel)) {
            return Optional.of(
                    "changes of *" + pair + "* can be requested only in " + Mrkdwn.channels(policy.channels()) + ".");
        }
        if (!mayRequest(user, policy)) {
            return Optional.of("you are not allowed to request changes of *" + pair + "*. Requesters: "
                    + Mrkdwn.principals(policy.requesters()) + ".");
        }
        Optional<String> frozen = frozen(pair);
        if (frozen.isPresent()) {
            return frozen;
        }
        return store.openRequest(pair).flatMap(id -> busy(pair, id));
    }

    /** Why {@code pair} takes no change now (a declared freeze), or empty when it is not frozen. */
    private Optional<String> frozen(String pair) {
        return store.frozen(pair)
                .map(f -> "*" + pair + "* is frozen by " + Mrkdwn.user(f.userId()) + " since " + Mrkdwn.time(f.at())
                        + ": " + Mrkdwn.escape(f.reason()) + ". `/swap unfreeze " + pair + "` lifts it.");
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
                null,
                null,
                null);
        String pair = plan.pair().name();
        for (int i = 0; i < 2; i++) {
            Optional<String> open = store.createIfIdle(r);
            if (open.isEmpty()) {
                record(r, "requested", requester, Map.of("kind", kind.word(), "plan", planText(plan)));
                return new Outcome.Done(r);
            }
            Optional<String> why = busy(pair, open.get());
            if (why.isPresent()) {
                return new Outcome.Refused(why.get());
            }
        }
        return new Outcome.Refused("another change of *" + pair + "* is in progress.");
    }

    /**
     * Approves request {@code id} as {@code user}. The requester may approve only under break-glass,
     * with a reason; everyone else must be an approver who has not approved yet. Nobody may approve
     * while the pair is frozen: a freeze declared after the request stops it too.
     *
     * @param breakGlassReason the reason typed for a break-glass self-approval, or null
     * @return the request after the approval (APPROVED once enough distinct approvers agreed), or a refusal
     */
    public Outcome approve(String id, String user, String breakGlassReason, ApprovalPolicy policy) {
        boolean selfApproval =
                store.get(id).map(r -> r.requester().equals(user)).orElse(false);
        return decide(
                id,
                selfApproval ? "break-glass" : "approved",
                r -> {
                    frozen(r.pair()).ifPresent(ApprovalService::refuse);
                    boolean own = r.requester().equals(user);
                    if (own && !policy.breakGlass()) {
                        return refuse(
                                "you cannot approve your own request (four-eyes): another approver must. Approvers: "
                                        + Mrkdwn.principals(policy.approvers()) + ".");
                    }
                    if (own && !directory.matches(user, policy.approvers())) {
                        return refuse(
                                "break-glass lets an approver approve their own request; you are not an approver of *"
                                        + r.pair() + "*.");
                    }
                    if (own && (breakGlassReason == null || breakGlassReason.isBlank())) {
                        return refuse("a break-glass approval of your own request needs a reason.");
                    }
                    if (!own && !directory.matches(user, policy.approvers())) {
                        return refuse("you are not an approver of *" + r.pair() + "*. Approvers: "
                                + Mrkdwn.principals(policy.approvers()) + ".");
                    }
                    if (r.approvedBy(user)) {
                        return refuse("you have already approved this request ("
                                + r.approvals().size() + " of " + r.requiredApprovals() + " approvals).");
                    }
                    return r.withApproval(
                            new Decision(user, clock.instant(), own ? breakGlassReason.strip() : null, own));
                },
                user);
    }

    /** Rejects request {@code id}; only approvers may, and a reason is required. */
    public Outcome reject(String id, String user, String reason, ApprovalPolicy policy) {
        return decide(
                id,
                "rejected",
                r -> {
                    if (!directory.matches(user, policy.approvers())) {
                        return refuse(
                                "you are not an approver of *" + r.pair() + "*; the requester can Cancel instead.");
                    }
                    if (reason == null || reason.isBlank()) {
                        return refuse("a rejection needs a reason.");
                    }
                    return r.closed(ApprovalState.REJECTED, new Decision(user, clock.instant(), reason.strip(), false));
                },
                user);
    }

    /** Cancels request {@code id}; only its requester may. */
    public Outcome cancel(String id, String user) {
        return decide(
                id,
                "cancelled",
                r -> r.requester().equals(user)
                        ? r.closed(ApprovalState.CANCELLED, new Decision(user, clock.instant(), null, false))
                        : refuse("only the requester, " + Mrkdwn.user(r.requester()) + ", can cancel this request."),
                user);
    }

    /**
     * Expires request {@code id} if it is still pending past its expiry.
     *
     * @return the expired request, or empty when it was not due (or someone else expired it)
     */
    public Optional<ApprovalRequest> expireIfDue(String id) {
        return store.get(id)
                .filter(r ->
                        r.state() == ApprovalState.PENDING && !clock.instant().isBefore(r.expiresAt()))
                .flatMap(r -> commit(
                        r.closed(ApprovalState.EXPIRED, new Decision("system", clock.instant(), null, false)),
                        "expired",
                        "system"))
                .map(expired -> {
                    onExpired.accept(expired);
                    return expired;
                });
    }

    /**
     * Moves an approved request to APPLYING; only one caller ever gets it.
     *
     * @return the request in APPLYING for the winner, empty for everyone else
     */
    public Optional<ApprovalRequest> beginApply(String id) {
        return store.get(id)
                .filter(r -> r.state() == ApprovalState.APPROVED)
                .flatMap(r -> commit(r.withState(ApprovalState.APPLYING), "applying", "system"));
    }

    /** Ends an approved or applying request in DONE, FAILED or DRIFTED with a result for people. */
    public ApprovalRequest finish(String id, ApprovalState end, String outcome) {
        return update(
                id,
                r -> r.state().canBecome(end) ? r.finished(end, outcome) : null,
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
        return update(
                id,
                r -> r.state() == ApprovalState.PENDING
                        ? r.closed(ApprovalState.CANCELLED, new Decision("system", clock.instant(), reason, false))
                        : null,
                "system",
                Map.of("reason", reason));
    }

    /** Records the message that shows request {@code id}, so later decisions can update it. */
    public ApprovalRequest attachMessage(String id, MessageRef ref) {
        return update(id, r -> r.postedAt(ref), null, null);
    }

    /** The request with {@code id}, if any. */
    public Optional<ApprovalRequest> get(String id) {
        return store.get(id);
    }

    /**
     * Declares a freeze on {@code pair}; anyone who may request its changes may, since a freeze
     * only blocks changes. {@code reason} is required.
     *
     * @return the reason for a refusal, or empty when the pair is now frozen
     */
    public Optional<String> freeze(String pair, String user, String reason, ApprovalPolicy policy) {
        if (!mayRequest(user, policy) && !directory.matches(user, policy.approvers())) {
            return Optional.of("you may not freeze *" + pair + "*: its requesters and approvers may.");
        }
        Freeze f = new Freeze(user, reason, clock.instant());
        store.freeze(pair, f);
        audit.append(new AuditEvent(f.at(), pair, null, "frozen", user, Map.of("reason", reason)));
        return Optional.empty();
    }

    /**
     * Lifts the freeze on {@code pair}; only its approvers may, since it lets changes through again.
     *
     * @return the reason for a refusal (not allowed, not frozen), or empty when it was lifted
     */
    public Optional<String> unfreeze(String pair, String user, ApprovalPolicy policy) {
        if (!directory.matches(user, policy.approvers())) {
            return Optional.of("only an approver of *" + pair + "* may lift its freeze. Approvers: "
                    + Mrkdwn.principals(policy.approvers()) + ".");
        }
        Optional<Freeze> lifted = store.unfreeze(pair);
        if (lifted.isEmpty()) {
            return Optional.of("*" + pair + "* is not frozen.");
        }
        audit.append(new AuditEvent(clock.instant(), pair, null, "unfrozen", user, Map.of()));
        return Optional.empty();
    }

    private boolean mayRequest(String user, ApprovalPolicy policy) {
        return policy.requesters().isEmpty() || directory.matches(user, policy.requesters());
    }

    private Outcome decide(String id, String action, UnaryOperator<ApprovalRequest> step, String user) {
        for (int i = 0; i < MAX_RACES; i++) {
            Optional<ApprovalRequest> found = store.get(id);
            if (found.isEmpty()) {
                return new Outcome.Refused("this request no longer exists.");
            }
            ApprovalRequest r = found.get();
            if (r.state() == ApprovalState.PENDING && !clock.instant().isBefore(r.expiresAt())) {
                expireIfDue(id);
                return new Outcome.Refused("this request expired at " + Mrkdwn.time(r.expiresAt()) + ".");
            }
            if (r.state() != ApprovalState.PENDING) {
                return new Outcome.Refused(alreadyDecided(r));
            }
            ApprovalRequest next;
            try {
                next = step.apply(r);
            } catch (Refusal refusal) {
                return new Outcome.Refused(refusal.getMessage());
            }
            if (commit(next, action, user).isPresent()) {
                return new Outcome.Done(next);
            }
        }
        return new Outcome.Refused("too many people are deciding this request at once; try again.");
    }

    private ApprovalRequest update(
            String id, UnaryOperator<ApprovalRequest> step, String user, Map<String, String> detail) {
        for (int i = 0; i < MAX_RACES; i++) {
            ApprovalRequest r =
                    store.get(id).orElseThrow(() -> new IllegalStateException("request " + id + " is gone"));
            ApprovalRequest next = step.apply(r);
            if (next == null) {
                return r;
            }
            if (store.compareAndSet(next)) {
                if (user != null) {
                    record(next, next.state().name().toLowerCase(), user, detail);
                }
                return next;
            }
        }
        throw new IllegalStateException("request " + id + " kept changing; gave up after " + MAX_RACES + " tries");
    }

    private Optional<ApprovalRequest> commit(ApprovalRequest next, String action, String user) {
        if (!store.compareAndSet(next)) {
            return Optional.empty();
        }
        record(next, action, user, detailOf(next));
        return Optional.of(next);
    }

    private Optional<String> busy(String pair, String openId) {
        Optional<ApprovalRequest> open = store.get(openId);
        if (open.isPresent() && expireIfDue(openId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("another change of *" + pair + "* is in progress: "
                + open.map(r -> r.kind().word() + " requested by " + Mrkdwn.user(r.requester()) + ", "
                                + r.state().name().toLowerCase())
                        .orElse("request " + openId)
                + ". One change at a time per pair.");
    }

    private void record(ApprovalRequest r, String action, String user, Map<String, String> detail) {
        audit.append(new AuditEvent(clock.instant(), r.pair(), r.id(), action, user, detail));
    }

    private static Map<String, String> detailOf(ApprovalRequest r) {
        Map<String, String> d = new HashMap<>();
        d.put("state", r.state().name());
        d.put("approvals", r.approvals().size() + "/" + r.requiredApprovals());
        if (r.closedBy() != null && r.closedBy().reason() != null) {
            d.put("reason", r.closedBy().reason());
        }
        r.approvals().stream()
                .filter(Decision::breakGlass)
                .findFirst()
                .ifPresent(b -> d.put("breakGlassReason", b.reason()));
        return d;
    }

    private static String planText(SwapPlan plan) {
        return plan.pair().blue() + " -> " + SwapPlan.targets(plan.blueAfter()) + "; "
                + plan.pair().green() + " -> " + SwapPlan.targets(plan.greenAfter());
    }

    /** Says who decided a request that is no longer pending, for a late click. */
    public static String alreadyDecided(ApprovalRequest r) {
        String what = "this request is already " + r.state().name().toLowerCase();
        if (r.closedBy() != null) {
            return what + " (by " + Mrkdwn.user(r.closedBy().userId()) + " at "
                    + Mrkdwn.time(r.closedBy().at()) + ").";
        }
        if (!r.approvals().isEmpty()) {
            Decision last = r.approvals().get(r.approvals().size() - 1);
            return what + " (approved by " + Mrkdwn.user(last.userId()) + " at " + Mrkdwn.time(last.at()) + ").";
        }
        return what + ".";
    }

    private static ApprovalRequest refuse(String why) {
        throw new Refusal(why);
    }

    /** Ends a decision step with a refusal; never leaves this class. */
    private static final class Refusal extends RuntimeException {
        Refusal(String why) {
            super(why, null, false, false);
        }
    }
}
