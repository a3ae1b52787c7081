package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import java.util.function.Function;

/**
 * {@code /cutover status [name prefix]}: every swap pair (which side is live), queue (depth, age,
 * state) and service (desired/running/pending) in one message, shown to the user who asked; with a
 * prefix, only those whose names start with it (for configs too large for one message).
 */
public final class CutoverCommand implements ChatCommand {
    private static final String USAGE = "`/cutover status [name prefix]`";

    private final Function<String, Message> status;

    /**
     * @param status renders the status now of the names starting with the given prefix ("" for
     *     all); slow (reads AWS), so it runs after the ack
     */
    public CutoverCommand(Function<String, Message> status) {
        this.status = status;
    }

    @Override
    public String name() {
        return "cutover";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length == 0 || w.length == 1 && w[0].equalsIgnoreCase("status")) {
            return CommandResult.later(() -> inv.responder().ephemeral(status.apply("")));
        }
        if (w.length == 2 && w[0].equalsIgnoreCase("status")) {
            return CommandResult.later(() -> inv.responder().ephemeral(status.apply(w[1])));
        }
        return CommandResult.reply("Usage: " + USAGE);
    }
}
