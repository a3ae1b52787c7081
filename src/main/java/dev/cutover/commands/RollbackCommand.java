package dev.cutover.commands;

import dev.cutover.commands.SwapParser.Intent;

/**
 * {@code /rollback <pair>}: asks to undo the last swap of a pair, through the same approval and
 * compare-and-swap as a swap. Before the ack only the {@link SwapParser} runs.
 */
public final class RollbackCommand implements ChatCommand {
    private final SwapParser parser;
    private final SwapReplies swaps;

    public RollbackCommand(SwapReplies swaps) {
        this.parser = new SwapParser(swaps.pairs());
        this.swaps = swaps;
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String usage() {
        return SwapParser.ROLLBACK_USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        Intent intent = parser.rollback(inv.words(), inv.channelId());
        if (intent instanceof Intent.Request r) {
            return swaps.command(r.kind(), r.pair(), inv.userId(), inv.channelId(), inv.responder());
        }
        return CommandResult.reply(((Intent.Reply) intent).markdown());
    }
}
