package dev.cutover.commands;

import dev.cutover.core.chat.MessageRef;
import org.jspecify.annotations.Nullable;

/**
 * A button click.
 *
 * @param actionId the button's action id
 * @param value the button's value (a request id)
 * @param userId who clicked
 * @param channelId where; null when the click came without a channel
 * @param message the message holding the button; null when it was ephemeral (it cannot be edited)
 * @param input the answer to the handler's input prompt, or null
 * @param responder answers the clicking user only
 */
public record ActionInvocation(
        String actionId,
        String value,
        String userId,
        @Nullable String channelId,
        @Nullable MessageRef message,
        @Nullable String input,
        Responder responder) {}
