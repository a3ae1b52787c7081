package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Outcome;
import dev.cutover.core.chat.Message;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.RequestOutcome;
import dev.cutover.core.swap.SwapWorkflow;
import java.util.Optional;

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
     * after a silent ack; a refusal or failure is told to the user through {@code responder}.
     */
    public CommandResult request(ChangeKind kind, String pair, String user, String channel, Responder responder) {
        return CommandResult.later(() -> reply(kind, pair, flow.request(kind, pair, user, channel))
                .ifPresent(text -> responder.ephemeral(Message.text(text))));
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
     * Handles Approve, Break glass, Reject and Cancel clicks; an approval that completes the request
     * applies it in the follow-up.
     *
     * @throws IllegalArgumentException for an action id that is not one of {@link SwapMessages}'s
     */
    public CommandResult decide(ActionInvocation click) {
        String id = click.value();
        Outcome outcome =
                switch (click.actionId()) {
                    case SwapMessages.APPROVE -> flow.approve(id, click.userId());
                    case SwapMessages.BREAK_GLASS -> flow.breakGlass(id, click.userId(), click.input());
                    case SwapMessages.REJECT -> flow.reject(id, click.userId(), click.input());
                    case SwapMessages.CANCEL -> flow.cancel(id, click.userId());
                    default -> throw new IllegalArgumentException("not a swap action: " + click.actionId());
                };
        if (outcome instanceof Outcome.Refused r) {
            return CommandResult.reply(RefusalText.reply(r.why()));
        }
        ApprovalRequest req = ((Outcome.Done) outcome).request();
        return req.state() == ApprovalState.APPROVED
                ? CommandResult.later(() -> flow.apply(req.id()))
                : new CommandResult(null, null);
    }
}
