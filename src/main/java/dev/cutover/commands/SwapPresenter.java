package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapObserver;
import dev.cutover.core.swap.SwapStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Shows the swap use case's requests in chat: the request message ({@link SwapMessages}) through
 * the {@link Notifier}, and each apply step as a line in its thread.
 */
public final class SwapPresenter implements SwapObserver {
    private final Notifier notifier;
    private final PairCatalog pairs;

    /** @param pairs the pairs' policies: a swap of a pair with {@code rollbackOnAlarm} says so */
    public SwapPresenter(Notifier notifier, PairCatalog pairs) {
        this.notifier = notifier;
        this.pairs = pairs;
    }

    private List<String> autoRollback(ApprovalRequest r) {
        return pairs.find(r.pair()).map(e -> e.policy().rollbackOnAlarm()).orElse(List.of());
    }

    @Override
    public MessageRef post(ApprovalRequest r, boolean breakGlass) {
        return notifier.post(r.channel(), SwapMessages.request(r, breakGlass, autoRollback(r)));
    }

    /** Finds the request message by the request id its footer carries, posted since shortly before the request. */
    @Override
    public Optional<MessageRef> find(ApprovalRequest r) {
        return notifier.find(r.channel(), r.createdAt().minus(Duration.ofMinutes(5)), "request `" + r.id() + "`");
    }

    @Override
    public void show(MessageRef message, Supplier<ApprovalRequest> current, boolean breakGlass) {
        notifier.update(message, () -> {
            ApprovalRequest r = current.get();
            return SwapMessages.request(r, breakGlass, autoRollback(r));
        });
    }

    @Override
    public void progress(ApprovalRequest r, SwapStep step) {
        // Off the apply's thread: a slow Slack must not hold the re-read, the change or the INSYNC wait.
        notifier.replyLater(r.message(), Message.text(text(r, step)));
    }

    @Override
    public String outcome(ApprovalRequest r, SwapStep.End end) {
        return text(r, end);
    }

    /** The thread line for {@code step}; for an end, also the result shown in the request message. */
    static String text(ApprovalRequest r, SwapStep step) {
        String pair = r.pair();
        if (step instanceof SwapStep.Applying a) {
            return ":hourglass_flowing_sand: Applying: re-reading both records…";
        }
        if (step instanceof SwapStep.Submitted s) {
            return ":outbox_tray: Submitted change `" + s.changeId() + "`; waiting for Route 53 to report INSYNC…";
        }
        if (step instanceof SwapStep.NotRecorded n) {
            return ":warning: Route 53 accepted change `" + n.changeId()
                    + "`, but it could not be recorded (" + n.error() + "), so `/rollback " + pair
                    + "` cannot undo it; `/swap " + pair + "` can.";
        }
        if (step instanceof SwapStep.Drifted d) {
            // A record's target is a fully qualified name ending in a dot: no second one after it.
            String difference = d.difference().endsWith(".") ? d.difference() : d.difference() + ".";
            return ":no_entry: The records changed since the request; nothing was applied. " + difference + " "
                    + nextStep(r);
        }
        if (step instanceof SwapStep.Refused f) {
            return ":no_entry: " + f.error().getMessage();
        }
        if (step instanceof SwapStep.FailedBeforeSubmit f) {
            return ":no_entry: Failed before submitting (" + f.error() + "); nothing was applied.";
        }
        if (step instanceof SwapStep.Applied a) {
            return ":white_check_mark: Applied: change `" + a.changeId() + "` INSYNC after "
                    + seconds(a.took()) + " s. " + caching(r.plan()) + " "
                    + "`/rollback " + pair + (r.kind() == ChangeKind.SWAP ? "` undoes it." : "` swaps back again.");
        }
        if (step instanceof SwapStep.Propagating p) {
            return ":satellite: Propagating: Route 53 accepted change `" + p.changeId()
                    + "` but it was not INSYNC after "
                    + seconds(p.waited()) + " s" + (p.error() == null ? "" : " (" + p.error() + ")")
                    + ". The bot keeps checking and updates this message when it is. `/rollback " + pair
                    + "` can undo it.";
        }
        if (step instanceof SwapStep.Unconfirmed u) {
            return ":warning: Change `" + u.changeId() + "` is still not INSYNC after "
                    + u.after().toMinutes()
                    + " min; check the Route 53 console (or `aws route53 get-change --id " + u.changeId()
                    + "`). The bot stopped checking; the pair is free for new requests.";
        }
        if (step instanceof SwapStep.Interrupted) {
            return ":no_entry: The bot applying this request stopped before Route 53 accepted anything; the records "
                    + "are as they were, nothing was applied. `/swap " + pair + "` asks again.";
        }
        if (step instanceof SwapStep.FoundApplied) {
            return ":white_check_mark: Applied: the bot applying this request stopped, and the records are now as "
                    + "planned (the change id was not stored). `/rollback " + pair
                    + (r.kind() == ChangeKind.SWAP ? "` undoes it." : "` swaps back again.");
        }
        if (step instanceof SwapStep.Result res) {
            return res.result();
        }
        throw new IllegalArgumentException("no text for " + step);
    }

    /** How long resolvers may keep the old targets: the TTL of the records replaced (60 s for an alias). */
    private static String caching(SwapPlan plan) {
        return "Resolvers may keep the old target for up to " + plan.replacedTtlSeconds() + " s ("
                + (plan.replacesOnlyAliases() ? "the alias TTL" : "the TTL of the records replaced") + ").";
    }

    /** What to do after drift: a swap plans afresh; a rollback can no longer undo the last swap. */
    private static String nextStep(ApprovalRequest r) {
        return r.kind() == ChangeKind.SWAP
                ? "`/swap " + r.pair() + "` plans again from the records as they are now."
                : "A rollback can only undo the last swap while the records are as it left them; `/swap " + r.pair()
                        + "` plans a swap from the records as they are now.";
    }

    private static String seconds(Duration d) {
        return String.valueOf(Math.max(0, Math.round(d.toMillis() / 1000.0)));
    }
}
