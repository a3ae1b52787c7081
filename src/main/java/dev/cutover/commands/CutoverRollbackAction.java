package dev.cutover.commands;

import dev.cutover.alert.CutoverWatch;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.reply.Mrkdwn;

/**
 * The Roll back button of a cutover watch alert: asks to roll back the pair named in the button's
 * value through {@link SwapReplies#request}, so the same approval rules apply as for {@code
 * /rollback}.
 */
public final class CutoverRollbackAction implements ActionHandler {
    /** The button's action id (the cutover watch posts the button); its value is the pair's name. */
    public static final String ACTION_ID = CutoverWatch.ROLLBACK_ACTION_ID;

    private final SwapReplies swaps;

    public CutoverRollbackAction(SwapReplies swaps) {
        this.swaps = swaps;
    }

    @Override
    public String actionId() {
        return ACTION_ID;
    }

    @Override
    public CommandResult handle(ActionInvocation click) {
        String pair = click.value();
        if (swaps.pairs().find(pair).isEmpty()) {
            return CommandResult.reply(":no_entry: The pair " + Mrkdwn.snippet(pair) + " is no longer configured.");
        }
        return swaps.request(ChangeKind.ROLLBACK, pair, click.userId(), click.channelId(), click.responder());
    }
}
