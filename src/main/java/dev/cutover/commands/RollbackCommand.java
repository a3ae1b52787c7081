package dev.cutover.commands;

import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.chat.Mrkdwn;

/**
 * {@code /rollback <pair>}: asks to undo the last swap of a pair, through the same approval and
 * compare-and-swap as a swap.
 */
public final class RollbackCommand implements ChatCommand {
    private static final String USAGE = "`/rollback <pair>`";

    private final SwapWorkflow flow;

    public RollbackCommand(SwapWorkflow flow) {
        this.flow = flow;
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length == 0) {
            return flow.requestDefault(ChangeKind.ROLLBACK, inv, USAGE);
        }
        if (w.length > 1 || w[0].equalsIgnoreCase("help")) {
            return CommandResult.reply((w.length > 1 ? ":no_entry: " : "") + "Usage: " + USAGE + ". Known pairs: "
                    + flow.pairs().known() + ".");
        }
        if (flow.pairs().find(w[0]).isEmpty()) {
            return CommandResult.reply(":no_entry: Unknown pair `" + Mrkdwn.escape(w[0]) + "`. Known pairs: "
                    + flow.pairs().known() + ".");
        }
        return flow.request(ChangeKind.ROLLBACK, w[0], inv.userId(), inv.channelId(), inv.responder());
    }
}
