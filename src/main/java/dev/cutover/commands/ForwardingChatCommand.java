package dev.cutover.commands;

/**
 * A chat command that wraps another: same name and usage, and a {@link #handle} that adds to the
 * wrapped one's (measuring it, or telling of its follow-up's end).
 */
public abstract class ForwardingChatCommand implements ChatCommand {
    /** The wrapped command. */
    protected final ChatCommand command;

    protected ForwardingChatCommand(ChatCommand command) {
        this.command = command;
    }

    @Override
    public final String name() {
        return command.name();
    }

    @Override
    public final String usage() {
        return command.usage();
    }
}
