package dev.cutover.core.chat;

import java.util.Objects;

/**
 * Where a posted message is: its channel and timestamp id, which is what chat.update needs.
 *
 * @param channel the channel ID
 * @param ts the message's {@code ts}
 */
public record MessageRef(String channel, String ts) {
    public MessageRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }
}
