package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.chat.MessageRef;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the swap use case shows requests to people (the chat side renders them): the request
 * message, updated in place, and progress lines in its thread. The use case calls it after each
 * change of a request and never lets its failures stop an apply.
 */
public interface SwapObserver {
    /**
     * Posts the message of the new request {@code r} in its channel.
     *
     * @param breakGlass whether to offer the requester the break-glass button
     * @return the posted message
     * @throws RuntimeException when it cannot be posted (e.g. the bot is not in the channel)
     */
    MessageRef post(ApprovalRequest r, boolean breakGlass);

    /**
     * Replaces the request's message with the request's current state.
     *
     * @param message the request's message
     * @param current reads the request's stored version; the chat side may read it when its update
     *     is sent and again after (see {@link dev.cutover.core.chat.Notifier#update(MessageRef,
     *     java.util.function.Supplier)}), so it must be cheap and must not throw
     * @param breakGlass whether to offer the requester the break-glass button
     */
    void show(MessageRef message, Supplier<ApprovalRequest> current, boolean breakGlass);

    /** Posts {@code step} in the thread of {@code r}'s message (never null here). */
    void progress(ApprovalRequest r, SwapStep step);

    /** The result of {@code end} for people, stored with the request and shown in its message. */
    String outcome(ApprovalRequest r, SwapStep.End end);

    /**
     * Looks in the channel for the message of {@code r} whose post failed: it may have reached the
     * chat service anyway (a timeout).
     *
     * @return the message, or empty when it is not there or cannot be looked for
     */
    default Optional<MessageRef> find(ApprovalRequest r) {
        return Optional.empty();
    }
}
