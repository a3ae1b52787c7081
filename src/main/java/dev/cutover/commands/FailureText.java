package dev.cutover.commands;

import dev.cutover.core.approval.StoreUnavailableException;

/**
 * What the user is told when a command's or click's work failed: words an on-call engineer can act
 * on. The exception itself (its type, message and stack) goes to the log only, as its message may
 * name endpoints or carry input.
 */
public final class FailureText {
    private FailureText() {}

    /** The store (Redis) did not answer; the operation did not happen. */
    public static final String STORE_UNAVAILABLE =
            ":warning: Redis is unreachable; nothing was changed. Try again once it answers (the bot's log has the error).";

    /** Anything else: the log has the details, and the user should check before repeating. */
    public static final String INTERNAL = ":warning: That failed with an unexpected error (the bot's log has the"
            + " details); part of it may have happened. Check before trying again.";

    /** The reply for {@code failure}. */
    public static String reply(RuntimeException failure) {
        return failure instanceof StoreUnavailableException ? STORE_UNAVAILABLE : INTERNAL;
    }
}
