package dev.cutover.commands;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.swap.SwapException;
import dev.cutover.core.swap.SwapPlan;
import dev.cutover.core.swap.SwapService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a change request from the command to the end: plan, post for approval, and on approval
 * re-check the records, apply the compare-and-swap batch, wait for INSYNC and report in place (the
 * request message) and in its thread (progress). Used by {@code /swap}, {@code /rollback}, the
 * approval buttons and the cutover watch's Roll back button.
 */
public final class SwapWorkflow {
    private static final Logger log = LoggerFactory.getLogger(SwapWorkflow.class);
    /** Beyond the INSYNC timeout, how long an apply may take (two reads and a submit) before it counts as abandoned. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final PairCatalog pairs;
    private final SwapService swaps;
    private final ApprovalService approvals;
    private final ApprovalStore store;
    private final Notifier notifier;
    private final Clock clock;
    private final Duration insyncTimeout;
    private volatile Consumer<AppliedSwap> onApplied = a -> {};
    private final Object[] showLocks = newLocks(16);

    /** @param insyncTimeout how long to wait for Route 53 to report INSYNC after submitting */
    public SwapWorkflow(
            PairCatalog pairs,
            SwapService swaps,
            ApprovalService approvals,
            ApprovalStore store,
            Notifier notifier,
            Clock clock,
            Duration insyncTimeout) {
        this.pairs = pairs;
        this.swaps = swaps;
        this.approvals = approvals;
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
        this.insyncTimeout = insyncTimeout;
        approvals.onExpired(r -> pairs.find(r.pair()).ifPresent(e -> show(r, e)));
    }

    /** Registers who hears of each applied change (the cutover watch). */
    public void onApplied(Consumer<AppliedSwap> listener) {
        this.onApplied = listener;
    }

    /** The catalog of pairs. */
    public PairCatalog pairs() {
        return pairs;
    }

    /** The approval rules. */
    public ApprovalService approvals() {
        return approvals;
    }

    /**
     * Asks for a swap ({@link ChangeKind#SWAP}) or a rollback of {@code pairName}: refuses at once
     * when not allowed, then reads the records and posts the request message.
     */
    public CommandResult request(ChangeKind kind, String pairName, String user, String channel, Responder responder) {
        PairCatalog.Entry e = pairs.find(pairName).orElseThrow();
        Optional<String> refusal = approvals.precheck(pairName, e.policy(), user, channel);
        if (refusal.isPresent()) {
            return CommandResult.reply(":no_entry: " + capitalize(refusal.get()));
        }
        return CommandResult.later(() -> openAndPost(kind, e, user, channel, responder));
    }

    /**
     * {@code /swap} or {@code /rollback} with no pair: the only pair when exactly one is configured,
     * else a reply asking which, with {@code usage} and the known pairs.
     */
    CommandResult requestDefault(ChangeKind kind, Invocation inv, String usage) {
        return pairs.only()
                .map(p -> request(kind, p, inv.userId(), inv.channelId(), inv.responder()))
                .orElseGet(() ->
                        CommandResult.reply("Which pair? Usage: " + usage + "\nKnown pairs: " + pairs.known() + "."));
    }

    private void openAndPost(ChangeKind kind, PairCatalog.Entry e, String user, String channel, Responder responder) {
        SwapPlan plan;
        try {
            plan = kind == ChangeKind.SWAP ? swaps.plan(e.pair()) : rollbackPlan(e);
        } catch (SwapException ex) {
            responder.ephemeral(Message.text(
                    ":no_entry: Cannot " + kind.word() + " *" + e.pair().name() + "*: " + ex.getMessage()));
            return;
        }
        Outcome outcome = approvals.open(kind, plan, e.policy(), user, channel);
        if (outcome instanceof Outcome.Refused r) {
            responder.ephemeral(Message.text(":no_entry: " + capitalize(r.why())));
            return;
        }
        ApprovalRequest req = ((Outcome.Done) outcome).request();
        try {
            MessageRef ref =
                    notifier.post(channel, SwapMessages.request(req, e.policy().breakGlass()));
            approvals.attachMessage(req.id(), ref);
        } catch (RuntimeException ex) {
            log.warn("could not post request {} for {}: {}", req.id(), e.pair().name(), ex.toString());
            // Still PENDING, which FAILED cannot follow: close it, or it holds the pair until it expires.
            approvals.abandon(req.id(), "could not be posted: " + ex.getMessage());
            responder.ephemeral(Message.text(":warning: Could not post the request in this channel: " + ex.getMessage()
                    + ". Nothing was applied. Is the bot invited to the channel?"));
        }
    }

    private SwapPlan rollbackPlan(PairCatalog.Entry e) {
        AppliedSwap last = store.lastApplied(e.pair().name())
                .orElseThrow(() -> new SwapException(
                        SwapException.Kind.NOT_FOUND,
                        "nothing to roll back: no swap of this pair has been applied by cutover."));
        return swaps.planRollback(last.plan());
    }

    /**
     * Handles Approve, Break glass, Reject and Cancel clicks.
     *
     * @throws IllegalArgumentException for an action id that is not one of {@link SwapMessages}'s
     */
    public CommandResult decide(ActionInvocation click) {
        Optional<ApprovalRequest> found = approvals.get(click.value());
        if (found.isEmpty()) {
            return CommandResult.reply(":no_entry: This request no longer exists.");
        }
        PairCatalog.Entry e = pairs.find(found.get().pair()).orElse(null);
        if (e == null) {
            return CommandResult.reply(":no_entry: The pair *" + found.get().pair() + "* is no longer configured.");
        }
        Outcome outcome =
                switch (click.actionId()) {
                    case SwapMessages.APPROVE -> approvals.approve(click.value(), click.userId(), null, e.policy());
                    case SwapMessages.BREAK_GLASS -> breakGlass(click, found.get(), e);
                    case SwapMessages.REJECT -> approvals.reject(
                            click.value(), click.userId(), click.input(), e.policy());
                    case SwapMessages.CANCEL -> approvals.cancel(click.value(), click.userId());
                    default -> throw new IllegalArgumentException("not a swap action: " + click.actionId());
                };
        if (outcome instanceof Outcome.Refused r) {
            return CommandResult.reply(":no_entry: " + capitalize(r.why()));
        }
        ApprovalRequest req = ((Outcome.Done) outcome).request();
        show(req, e);
        return req.state() == ApprovalState.APPROVED
                ? CommandResult.later(() -> apply(req.id()))
                : new CommandResult(null, null);
    }

    private Outcome breakGlass(ActionInvocation click, ApprovalRequest r, PairCatalog.Entry e) {
        if (!r.requester().equals(click.userId())) {
            return new Outcome.Refused("break glass is only for the requester's own request; use Approve.");
        }
        return approvals.approve(click.value(), click.userId(), click.input(), e.policy());
    }

    /**
     * Applies an approved request exactly once: only the caller that moves it to APPLYING goes on.
     * Re-reads both records first and refuses with the difference if they changed; the batch's
     * DELETEs are the final guard.
     */
    public void apply(String requestId) {
        Optional<ApprovalRequest> won = approvals.beginApply(requestId);
        if (won.isEmpty()) {
            return;
        }
        ApprovalRequest r = won.get();
        PairCatalog.Entry e = pairs.find(r.pair()).orElseThrow();
        show(r, e);
        progress(r, ":hourglass_flowing_sand: Applying: re-reading both records…");
        new SwapApply(this, r, e).run();
    }

    /**
     * Expires every pending request past its expiry (its message then shows it as expired); run
     * periodically (any replica may: the compare-and-set lets one win).
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
            open.flatMap(approvals::get).ifPresent(this::failIfAbandoned);
        }
        return expired;
    }

    /**
     * An approved request whose apply has not ended long after any apply could (its replica died,
     * or Redis was down at the end) would hold its pair for good: end it as FAILED, saying that
     * the records may or may not have changed, so the pair is free again.
     */
    private void failIfAbandoned(ApprovalRequest r) {
        if (r.state() != ApprovalState.APPROVED && r.state() != ApprovalState.APPLYING
                || r.approvals().isEmpty()) {
            return;
        }
        Instant approvedAt = r.approvals().get(r.approvals().size() - 1).at();
        Duration limit = insyncTimeout.plus(ABANDONED_AFTER);
        if (clock.instant().isBefore(approvedAt.plus(limit))) {
            return;
        }
        PairCatalog.Entry e = pairs.find(r.pair()).orElseThrow();
        log.warn(
                "request {} of {} was still {} {} min after its approval; ending it",
                r.id(),
                r.pair(),
                r.state(),
                limit.toMinutes());
        finish(
                r,
                e,
                ApprovalState.FAILED,
                ":warning: No result " + limit.toMinutes() + " min after the approval: "
                        + "the bot stopped while applying this request. The records may or may not have changed; `/swap "
                        + r.pair() + " dry-run` shows them as they are now. The pair is free for new requests.");
    }

    SwapService swaps() {
        return swaps;
    }

    Duration insyncTimeout() {
        return insyncTimeout;
    }

    Clock clock() {
        return clock;
    }

    void recordApplied(ApprovalRequest r, String changeId) {
        AppliedSwap applied = new AppliedSwap(r.id(), r.plan(), changeId, clock.instant());
        try {
            store.recordApplied(r.pair(), applied);
        } catch (RuntimeException ex) {
            // Route 53 has the batch already: the apply must still reach INSYNC and end the request.
            log.warn("could not record applied change {} of {}: {}", changeId, r.pair(), ex.toString());
            progress(
                    r,
                    ":warning: Route 53 accepted change `" + changeId + "`, but it could not be recorded ("
                            + ex.getMessage() + "), so `/rollback " + r.pair() + "` cannot undo it; `/swap "
                            + r.pair() + "` can.");
        }
        try {
            onApplied.accept(applied);
        } catch (RuntimeException ex) {
            log.warn("listener of applied change {} failed: {}", r.id(), ex.toString());
        }
    }

    ApprovalRequest finish(ApprovalRequest r, PairCatalog.Entry e, ApprovalState end, String outcome) {
        ApprovalRequest done = approvals.finish(r.id(), end, outcome);
        show(done, e);
        return done;
    }

    /**
     * Replaces the request message with the request's current state. The re-read and the update
     * happen under one lock per request, so the updates of racing decisions reach the notifier
     * (which keeps the newest) in version order: a slower thread cannot put back an older state.
     */
    void show(ApprovalRequest r, PairCatalog.Entry e) {
        synchronized (showLocks[Math.floorMod(r.id().hashCode(), showLocks.length)]) {
            ApprovalRequest current = current(r);
            if (current.message() != null) {
                quietly(() -> notifier.update(
                        current.message(),
                        SwapMessages.request(current, e.policy().breakGlass())));
            }
        }
    }

    /** Posts a progress line in the request message's thread. */
    void progress(ApprovalRequest r, String markdown) {
        ApprovalRequest current = current(r);
        if (current.message() != null) {
            quietly(() -> notifier.reply(current.message(), Message.text(markdown)));
        }
    }

    /** The stored version of {@code r}, or {@code r} when the store cannot say: showing must not stop an apply. */
    private ApprovalRequest current(ApprovalRequest r) {
        try {
            return approvals.get(r.id()).orElse(r);
        } catch (RuntimeException ex) {
            log.warn("could not re-read request {}: {}", r.id(), ex.toString());
            return r;
        }
    }

    private static void quietly(Runnable chatCall) {
        try {
            chatCall.run();
        } catch (RuntimeException ex) {
            // A chat outage must not stop an apply that Route 53 already accepted.
            log.warn("chat update failed: {}", ex.toString());
        }
    }

    private static Object[] newLocks(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
