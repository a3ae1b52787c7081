package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.chat.Message;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.RequestOutcome;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.reply.Mrkdwn;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the swap use case for the chat: a request or a click in, the outcome answered to the user.
 * Used by {@code /swap}, {@code /rollback}, the approval buttons and the cutover watch's Roll back
 * button. Everything that reads the store, the directory or Route 53 runs after the ack.
 */
public final class SwapReplies {
    private final SwapWorkflow flow;

    public SwapReplies(SwapWorkflow flow) {
        this.flow = flow;
    }

    /** The use case. */
    public SwapWorkflow flow() {
        return flow;
    }

    /** The catalog of pairs. */
    public PairCatalog pairs() {
        return flow.pairs();
    }

    /**
     * Asks for a swap ({@link ChangeKind#SWAP}) or a rollback of the configured pair {@code pair},
     * after a silent ack (a button's: the click needs no words); a refusal or failure is told to the
     * user through {@code responder}.
     */
    public CommandResult request(ChangeKind kind, String pair, String user, String channel, Responder responder) {
        return CommandResult.later(() -> reply(kind, pair, flow.request(kind, pair, user, channel))
                .ifPresent(text -> responder.ephemeral(Message.text(text))));
    }

    /**
     * As {@link #request}, for a typed command: the ack says the request is being opened ({@link
     * #opening}), so the user sees an answer at once even when the store or Slack is slow.
     */
    public CommandResult command(ChangeKind kind, String pair, String user, String channel, Responder responder) {
        return CommandResult.replyThen(
                opening(kind, pair),
                request(kind, pair, user, channel, responder).followUp());
    }

    /** The longest pair name an ack repeats, in characters (configured names are short; this bounds the ack). */
    static final int PAIR_IN_ACK = 80;

    /** The ack of a typed request, built from its words alone: "Opening a swap request for *pair*…". */
    static String opening(ChangeKind kind, String pair) {
        return ":hourglass_flowing_sand: Opening a " + kind.word() + " request for *"
                + Mrkdwn.escape(Mrkdwn.cut(pair, PAIR_IN_ACK)) + "*…";
    }

    /** The answer to a request's outcome, empty when the posted request says it all. */
    static Optional<String> reply(ChangeKind kind, String pair, RequestOutcome outcome) {
        if (outcome instanceof RequestOutcome.Refused r) {
            return Optional.of(RefusalText.reply(r.why()));
        }
        if (outcome instanceof RequestOutcome.CannotPlan c) {
            return Optional.of(":no_entry: Cannot " + kind.word() + " *" + pair + "*: "
                    + c.error().getMessage());
        }
        if (outcome instanceof RequestOutcome.NotPosted n) {
            return Optional.of(":warning: Could not post the request in this channel: " + n.error()
                    + ". Nothing was applied. Is the bot invited to the channel?");
        }
        return Optional.empty();
    }

    /**
     * Handles Approve, Break glass, Reject and Cancel clicks. Before the ack only a typed reason is
     * checked (empty or too long: refused at once, from memory); the decision (store, directory)
     * runs in the follow-up, which answers a refusal to the clicking user through the click's
     * responder (replacing the clicked message when it was ephemeral, as it cannot be edited) and
     * applies a request the click completed.
     *
     * @throws IllegalArgumentException for an action id that is not one of {@link SwapMessages}'s
     */
    public CommandResult decide(ActionInvocation click) {
        Optional<Refusal> badReason = reasonCheck(click);
        if (badReason.isPresent()) {
            return CommandResult.reply(RefusalText.reply(badReason.get()));
        }
        return CommandResult.later(() -> {
            if (decideNow(click) instanceof Outcome.Done done && done.request().state() == ApprovalState.APPROVED) {
                flow.apply(done.request().id());
            }
        });
    }

    /**
     * The follow-up of a click without the apply: decides (reads and writes the store, asks the
     * directory), shows the request, and answers a refusal to the clicking user. Slow: after the ack.
     */
    public Outcome decideNow(ActionInvocation click) {
        Outcome outcome = decision(click).get();
        if (outcome instanceof Outcome.Refused r) {
            Message text = Message.text(RefusalText.reply(r.why()));
            if (click.message() == null) {
                click.responder().replaceOriginal(text);
            } else {
                click.responder().ephemeral(text);
                if (r.why() instanceof Refusal.AlreadyDecided a) {
                    // A message the store does not know may still show live buttons: show the state there.
                    flow.adoptLateMessage(a.request(), click.message());
                }
            }
        } else if (outcome instanceof Outcome.Done done && done.request().message() == null) {
            // Slack has not answered the request's post yet, so its message cannot show the decision
            // until then (it catches up when the post is answered): tell the person who clicked.
            click.responder().ephemeral(Message.text(decidedBeforePosted(done.request())));
        }
        return outcome;
    }

    /**
     * The answer to a decision on request {@code r} whose message is not attached yet (Slack had not
     * answered its chat.postMessage): what was decided, and that the message will show it.
     */
    static String decidedBeforePosted(ApprovalRequest r) {
        String what = "the " + r.kind().word() + " of *" + r.pair() + "*";
        String later = " The request message shows it as soon as Slack confirms that it was posted.";
        return switch (r.state()) {
            case APPROVED -> ":white_check_mark: Approved: applying " + what + " now." + later;
            case PENDING -> ":white_check_mark: Your approval of " + what + " is recorded; it needs more." + later;
            default -> ":information_source: You " + r.state().name().toLowerCase(Locale.ROOT) + " " + what + "."
                    + later;
        };
    }

    private Supplier<Outcome> decision(ActionInvocation click) {
        String id = click.value();
        String user = click.userId();
        return switch (click.actionId()) {
            case SwapMessages.APPROVE -> () -> flow.approve(id, user);
            case SwapMessages.BREAK_GLASS -> () -> flow.breakGlass(id, user, click.input());
            case SwapMessages.REJECT -> () -> flow.reject(id, user, click.input());
            case SwapMessages.CANCEL -> () -> flow.cancel(id, user);
            default -> throw new IllegalArgumentException("not a swap action: " + click.actionId());
        };
    }

    /** An empty or over-long reason typed for a rejection or a break-glass, from the text alone. */
    private static Optional<Refusal> reasonCheck(ActionInvocation click) {
        Refusal.ReasonFor what =
                switch (click.actionId()) {
                    case SwapMessages.BREAK_GLASS -> Refusal.ReasonFor.BREAK_GLASS;
                    case SwapMessages.REJECT -> Refusal.ReasonFor.REJECTION;
                    default -> null;
                };
        if (what == null) {
            return Optional.empty();
        }
        String reason = click.input();
        if (reason == null || reason.isBlank()) {
            return Optional.of(new Refusal.NeedsReason(what));
        }
        return Refusal.ifTooLong(what, reason);
    }
}
