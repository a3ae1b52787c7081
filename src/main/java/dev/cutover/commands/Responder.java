package dev.cutover.commands;

import dev.cutover.core.chat.Message;

/**
 * Answers the user who invoked a command or clicked a button, after the ack (Slack: the
 * {@code response_url}, usable 5 times within 30 minutes).
 */
public interface Responder {
    /** Shows {@code message} to that user only. */
    void ephemeral(Message message);

    /** Replaces the message that held the clicked button (for clicks on ephemeral messages). */
    void replaceOriginal(Message message);
}
