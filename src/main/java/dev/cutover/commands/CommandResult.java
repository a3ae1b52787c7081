package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import org.jspecify.annotations.Nullable;

/**
 * What a command or button handler answers at once, and what it does after the ack.
 *
 * @param ephemeral shown only to the user with the ack, or null for a silent ack
 * @param followUp slow work the adapter runs on an executor after the ack, or null
 */
public record CommandResult(@Nullable Message ephemeral, @Nullable Runnable followUp) {
    /** Answers {@code markdown} to the user only, and does nothing else. */
    public static CommandResult reply(String markdown) {
        return new CommandResult(Message.text(markdown), null);
    }

    /** Acks silently, then runs {@code work}. */
    public static CommandResult later(Runnable work) {
        return new CommandResult(null, work);
    }

    /** Acks with {@code markdown} to the user, then runs {@code work}. */
    public static CommandResult replyThen(String markdown, Runnable work) {
        return new CommandResult(Message.text(markdown), work);
    }
}
