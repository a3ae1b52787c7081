package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import java.util.function.Supplier;

/**
 * {@code /cutover status}: every swap pair (which side is live), queue (depth, age, state) and
 * service (desired/running/pending) in one message, shown to the user who asked.
 */
public final class CutoverCommand implements ChatCommand {
    private static final String USAGE = "`/cutover status`";

    private final Supplier<Message> status;

    /** @param status renders the status now; slow (reads AWS), so it runs after the ack */
    public CutoverCommand(Supplier<Message> status) {
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
            return CommandResult.later(() -> inv.responder().ephemeral(status.get()));
        }
        return CommandResult.reply("Usage: " + USAGE);
    }
}
