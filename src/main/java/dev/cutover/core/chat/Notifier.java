package dev.cutover.core.chat;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Posts and edits channel messages. Implementations: Slack's Web API, and the sandbox console.
 * Failures are thrown as unchecked exceptions naming the chat service's error code; nothing else
 * about a failed call changed.
 */
public interface Notifier {
    /**
     * Posts {@code message} in {@code channel}.
     *
     * @return where it was posted, for later updates and thread replies
     */
    MessageRef post(String channel, Message message);

    /** Posts {@code message} in the thread of {@code parent}. */
    MessageRef reply(MessageRef parent, Message message);

    /**
     * Posts {@code message} as a reply in {@code parent}'s thread without waiting for the chat
     * service (progress lines of work that must not wait on it, such as an apply): replies to one
     * parent appear in the order given; a failure is logged, not thrown. The default posts at once.
     */
    default void replyLater(MessageRef parent, Message message) {
        reply(parent, message);
    }

    /**
     * Replaces the content of a posted message. Updates may be coalesced: only the newest content
     * of a burst is guaranteed to be shown.
     */
    void update(MessageRef ref, Message message);

    /**
     * Keeps a posted message showing {@code current}, a read of the state it shows (e.g. from the
     * store). Implementations that send later read it when they send, and read it again after: when
     * it changed meanwhile they send again, so that an update rendered from an older state, sent by
     * another replica or landing late, is followed by the current one. Implementations that send at
     * once may read it once. No default: a wrapper must pass {@code current} on, not a message read
     * from it.
     */
    void update(MessageRef ref, Supplier<Message> current);

    /**
     * Looks for a message this app posted in {@code channel} at or after {@code since} whose content
     * contains {@code marker}: the reconciliation of a post whose outcome is unknown (the call
     * failed or timed out after it may have reached the chat service).
     *
     * @return the message found, or empty (also when this notifier cannot look)
     * @throws RuntimeException when the channel cannot be read
     */
    default Optional<MessageRef> find(String channel, Instant since, String marker) {
        return Optional.empty();
    }
}
