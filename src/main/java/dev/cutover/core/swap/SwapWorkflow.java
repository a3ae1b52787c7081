package dev.cutover.core.swap;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.audit.LogContext;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap use case: a change request from the ask to the end. Plans, opens the request and posts
 * it for approval; on approval re-checks the records, applies the compare-and-swap batch, waits for
 * INSYNC and reports through the {@link RequestDisplay}. A rollback is the same flow with the
 * inverse plan. Every step answers with a domain outcome; the chat side words it.
 */
public final class SwapWorkflow {
    private static final Logger log = LoggerFactory.getLogger(SwapWorkflow.class);
    /** How long a replica holds an apply unrenewed (renewed every third of it); then any replica resumes it. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    /** How long after its submission a SUBMITTED change is polled before it is reported unconfirmed. */
    public static final Duration PROPAGATION_LIMIT = Duration.ofMinutes(30);

    private final PairCatalog pairs;
    private final SwapPlanner planner;
    final DnsRecords dns;
    private final ApprovalService approvals;
    final ApprovalStore store;
    final RequestDisplay display;
    final Clock clock;
    final Duration insyncTimeout;
    private final SwapListener listener;
    private final SwapSweep sweep;
    private final LatePosts latePosts;
    /** This replica's id as the owner of applies (unique per process and workflow). */
    final String owner = "apply-" + UUID.randomUUID();
    /** The applies this replica drives now: what a stop hands back. */
    final DrivenApplies driven;

    /**
     * @param display shows requests; also the approvals' expiry listener
     * @param insyncTimeout how long to wait for Route 53 to report INSYNC after submitting
     * @param listener hears of each applied change (the cutover watch)
     * @param rechecks looks again, later, for the message of a request whose post failed
     */
    public SwapWorkflow(
            PairCatalog pairs,
            DnsRecords dns,
            ApprovalService approvals,
            ApprovalStore store,
            RequestDisplay display,
            Clock clock,
            Duration insyncTimeout,
            SwapListener listener,
            Rechecks rechecks) {
        this.pairs = pairs;
        this.planner = new SwapPlanner(dns);
        this.dns = dns;
        this.approvals = approvals;
        this.store = store;
        this.display = display;
        this.clock = clock;
        this.insyncTimeout = insyncTimeout;
        this.listener = listener;
        this.sweep = new SwapSweep(this, planner);
        this.driven = new DrivenApplies(approvals.leases(), owner, clock);
        this.latePosts = new LatePosts(display, approvals, rechecks);
    }

    /** The catalog of pairs. */
    public PairCatalog pairs() {
        return pairs;
    }

    /** The approval rules and requests. */
    public ApprovalService approvals() {
        return approvals;
    }

    /**
     * Asks for a swap ({@link ChangeKind#SWAP}) or a rollback of the configured pair {@code pairName}:
     * checks the rules, reads the records, opens the request and posts its message. Slow (reads the
     * store, the directory and Route 53): call it after the command was acknowledged.
     *
     * @throws java.util.NoSuchElementException when the pair is not configured
     */
    public RequestOutcome request(ChangeKind kind, String pairName, String user, String channel) {
        try (LogContext.Scope p = LogContext.with(LogContext.PAIR, pairName);
                LogContext.Scope u = LogContext.with(LogContext.SLACK_USER, user)) {
            return requested(kind, pairName, user, channel);
        }
    }

    private RequestOutcome requested(ChangeKind kind, String pairName, String user, String channel) {
        PairCatalog.Entry e = pairs.find(pairName).orElseThrow();
        Optional<Refusal> refusal = approvals.precheck(pairName, e.policy(), user, channel);
        if (refusal.isPresent()) {
            return new RequestOutcome.Refused(refusal.get());
        }
        SwapPlan plan;
        try {
            plan = kind == ChangeKind.SWAP
                    ? planner.plan(e.pair())
                    : planner.planRollback(store.lastApplied(e.pair().name()));
        } catch (SwapException ex) {
            return new RequestOutcome.CannotPlan(ex);
        }
        Outcome outcome = approvals.open(kind, plan, e.policy(), user, channel);
        if (outcome instanceof Outcome.Refused r) {
            return new RequestOutcome.Refused(r.why());
        }
        ApprovalRequest req = ((Outcome.Done) outcome).request();
        // From here on every line names the request (the audit line of the request came just before).
        try (LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, req.id())) {
            return posted(req, pairName);
        }
    }

    private RequestOutcome posted(ApprovalRequest req, String pairName) {
        MessageRef ref;
        try {
            ref = display.post(req);
        } catch (RuntimeException ex) {
            // The post may have reached the channel anyway (a timeout): adopt the message if it is there.
            Optional<MessageRef> found = display.find(req);
            if (found.isEmpty()) {
                log.warn("could not post request {} for {}: {}", req.id(), pairName, ex.toString());
                // Still PENDING, which FAILED cannot follow: close it, or it holds the pair until it expires.
                latePosts.watch(approvals.abandon(req.id(), "could not be posted: " + ex.getMessage()));
                return new RequestOutcome.NotPosted(String.valueOf(ex.getMessage()));
            }
            log.info(
                    "post of request {} failed ({}), but its message is in the channel: adopted",
                    req.id(),
                    ex.toString());
            ref = found.get();
        }
        ApprovalRequest attached = approvals.attachMessage(req.id(), ref);
        if (attached.state() != ApprovalState.PENDING) {
            // Decided while Slack had not answered the post yet: what was not shown, show now.
            display.catchUp(attached);
        }
        return new RequestOutcome.Posted(attached);
    }

    /**
     * Starts a rollback of {@code pairName} approved in advance by its config ({@code
     * rollbackOnAlarm}): opens the request as {@code system} in {@code channel}, approves it as
     * pre-approved with {@code reason} (audited so), and applies it. A freeze or an open change of the
     * pair stops it, as it stops any request. Slow (Route 53, chat, and the apply until INSYNC):
     * call it off the chat threads.
     *
     * @return what happened: Posted (then applied), Refused or CannotPlan
     * @throws java.util.NoSuchElementException when the pair is not configured
     */
    public RequestOutcome preApprovedRollback(String pairName, String reason, String channel) {
        try (LogContext.Scope p = LogContext.with(LogContext.PAIR, pairName)) {
            PairCatalog.Entry e = pairs.find(pairName).orElseThrow();
            Optional<Refusal> frozen = approvals.freezes().frozen(pairName);
            if (frozen.isPresent()) {
                return new RequestOutcome.Refused(frozen.get());
            }
            SwapPlan plan;
            try {
                plan = planner.planRollback(store.lastApplied(pairName));
            } catch (SwapException ex) {
                return new RequestOutcome.CannotPlan(ex);
            }
            Outcome opened = approvals.open(ChangeKind.ROLLBACK, plan, e.policy(), "system", channel);
            if (opened instanceof Outcome.Refused r) {
                return new RequestOutcome.Refused(r.why());
            }
            ApprovalRequest req = ((Outcome.Done) opened).request();
            try (LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, req.id())) {
                RequestOutcome posted = posted(req, pairName);
                Outcome approved = decided(req.id(), en -> approvals.preApprove(req.id(), "system", reason));
                if (approved instanceof Outcome.Done done && done.request().state() == ApprovalState.APPROVED) {
                    apply(req.id());
                }
                return posted;
            }
        }
    }

    /** Approves request {@code id} as {@code user}; see {@link ApprovalService#approve}. */
    public Outcome approve(String id, String user) {
        return decided(id, e -> approvals.approve(id, user, null, e.policy()));
    }

    /** Approves {@code user}'s own request {@code id} under break-glass, with {@code reason} (null: refused). */
    public Outcome breakGlass(String id, String user, @Nullable String reason) {
        return decided(id, e -> approvals
                .get(id)
                .filter(r -> !r.requester().equals(user))
                .<Outcome>map(r -> new Outcome.Refused(new Refusal.BreakGlassNotOwn()))
                .orElseGet(() -> approvals.approve(id, user, reason, e.policy())));
    }

    /** Rejects request {@code id} as {@code user}, with a required {@code reason} (null: refused). */
    public Outcome reject(String id, String user, @Nullable String reason) {
        return decided(id, e -> approvals.reject(id, user, reason, e.policy()));
    }

    /** Cancels request {@code id}; only its requester may. */
    public Outcome cancel(String id, String user) {
        return decided(id, e -> approvals.cancel(id, user));
    }

    /** Runs {@code decision} on an existing request of a configured pair, then shows the result. */
    private Outcome decided(String id, Function<PairCatalog.Entry, Outcome> decision) {
        try (LogContext.Scope s = LogContext.with(LogContext.REQUEST_ID, id)) {
            return decidedOn(id, decision);
        }
    }

    private Outcome decidedOn(String id, Function<PairCatalog.Entry, Outcome> decision) {
        Optional<ApprovalRequest> found = approvals.get(id);
        if (found.isEmpty()) {
            return new Outcome.Refused(new Refusal.NoSuchRequest());
        }
        Optional<PairCatalog.Entry> e = pairs.find(found.get().pair());
        if (e.isEmpty()) {
            return new Outcome.Refused(new Refusal.PairGone(found.get().pair()));
        }
        try (LogContext.Scope p = LogContext.with(LogContext.PAIR, found.get().pair())) {
            Outcome outcome = decision.apply(e.get());
            if (outcome instanceof Outcome.Done done) {
                display.show(done.request());
            }
            return outcome;
        }
    }

    /**
     * Applies an approved request exactly once: only the caller that moves it to APPLYING goes on.
     * Re-reads both records first and refuses with the difference if they changed; the batch's
     * DELETEs are the final guard. Blocks until INSYNC or the timeout.
     */
    public void apply(String requestId) {
        if (driven.stopping()) {
            // Left APPROVED: any replica's sweep applies it once the approval is a lease old.
            return;
        }
        try (LogContext.Scope s = LogContext.with(LogContext.REQUEST_ID, requestId)) {
            Optional<ApprovalRequest> won =
                    approvals.leases().begin(requestId, owner, clock.instant().plus(LEASE));
            if (won.isEmpty()) {
                return;
            }
            ApprovalRequest r = won.get();
            try (LogContext.Scope p = LogContext.with(LogContext.PAIR, r.pair())) {
                driven.drive(r, () -> {
                    display.show(r);
                    display.progress(r, new SwapStep.Applying());
                    new SwapApply(this, planner, r).run();
                });
            }
        }
    }

    /**
     * Stops this replica's applies for shutdown: no lease of theirs is extended any more, and an
     * apply whose thread is then interrupted hands itself back ({@link #handBackAll} hands back the
     * rest). An approval after this is left APPROVED for any replica's sweep.
     */
    public void stopApplying() {
        driven.stop();
    }

    /**
     * Hands back every apply this replica still drives, after {@link #stopApplying()}: each owner
     * lease lapses now with its change id kept, one log line each, so that another replica's sweep,
     * or this one's at its next start, resumes it at once.
     *
     * @return how many were handed back
     */
    public int handBackAll() {
        return driven.handBackAll();
    }

    /**
     * The periodic sweep, run by every replica: expires every pending request past its expiry (its
     * message then shows it as expired), resumes applies whose owner's lease lapsed, applies approved
     * requests nobody started, and polls SUBMITTED changes. Compare-and-set lets one replica win
     * each step. Blocks while it resumes an apply (up to the INSYNC timeout).
     *
     * @return how many requests this call expired
     */
    public int expireDue() {
        int expired = 0;
        for (String name : pairs.names()) {
            Optional<String> open = store.openRequest(name);
            if (open.flatMap(approvals::expireIfDue).isPresent()) {
                expired++;
            }
            open.flatMap(approvals::get).ifPresent(sweep::care);
        }
        return expired;
    }

    /** Records the applied change for {@code /rollback} and tells the listener. */
    void recordApplied(ApprovalRequest r, String changeId) {
        AppliedSwap applied = new AppliedSwap(r.id(), r.plan(), changeId, clock.instant());
        try {
            store.recordApplied(r.pair(), applied);
        } catch (RuntimeException ex) {
            // Route 53 has the batch already: the apply must still reach INSYNC and end the request.
            log.warn("could not record applied change {} of {}: {}", changeId, r.pair(), ex.toString());
            display.progress(r, new SwapStep.NotRecorded(changeId, String.valueOf(ex.getMessage())));
        }
        try {
            listener.applied(applied);
        } catch (RuntimeException ex) {
            log.warn("listener of applied change {} failed: {}", r.id(), ex.toString());
        }
    }

    /**
     * Ends {@code r} as {@code end} says, as {@code owner} (null: whoever owns it), and shows it
     * with its thread line; does nothing when another replica or click got there first.
     */
    void end(ApprovalRequest r, @Nullable String owner, SwapStep.End end) {
        approvals
                .leases()
                .finish(r.id(), owner, end.state(), display.outcome(r, end))
                .ifPresent(done -> {
                    display.show(done);
                    display.progress(done, end);
                });
    }

    /**
     * A click on a message of the closed request {@code r} that the store has no message for: its
     * post timed out, the request was closed, and the message appeared only after every look (or
     * across a restart, which forgets the looks). Attaches the clicked message and shows the stored
     * state there (closed, no buttons), as a look would have; nothing when {@code r} is open or
     * already has its message.
     */
    public void adoptLateMessage(ApprovalRequest r, MessageRef clicked) {
        if (r.state() == ApprovalState.PENDING || r.message() != null) {
            return;
        }
        try {
            latePosts.adopt(r, clicked, "a click on it");
        } catch (RuntimeException e) {
            // The refusal was answered already; the next click on it tries again.
            log.warn("could not show request {} on its late message: {}", r.id(), e.toString());
        }
    }
}
