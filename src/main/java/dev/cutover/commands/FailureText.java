package dev.cutover.commands;

import dev.cutover.core.approval.StoreUnavailableException;

/**
 * What the user is told when a command's or click's work failed: words an on-call engineer can act
 * on. The exception itself (its type, message and stack) goes to the log only, as its message may
 * name endpoints or carry input.
 */
public final class FailureText {
    private FailureText() {}

    /** The store (Redis) did not answer; the operation did not happen (not for shift buttons: see below). */
    public static final String STORE_UNAVAILABLE =
            ":warning: Redis is unreachable; nothing was changed. Try again once it answers (the bot's log has the error).";

    /**
     * The store (Redis) did not answer during a click on a running shift (approve, pause, resume,
     * promote, abort): the click may have written weights before its state could be stored, so
     * "nothing was changed" would be false. Another replica takes an interrupted write over once
     * its claim ages.
     */
    public static final String SHIFT_STORE_UNAVAILABLE = ":warning: Redis is unreachable: the shift's state could not"
            + " be recorded; a weight write may have happened. `/shift &lt;pair&gt; status` shows where it stands"
            + " once Redis is back (another replica takes an interrupted write over).";

    /** Anything else: the log has the details, and the user should check before repeating. */
    public static final String INTERNAL = ":warning: That failed with an unexpected error (the bot's log has the"
            + " details); part of it may have happened. Check before trying again.";

    /** The reply for {@code failure}. */
    public static String reply(RuntimeException failure) {
        return failure instanceof StoreUnavailableException ? STORE_UNAVAILABLE : INTERNAL;
    }

    /**
     * The reply for {@code failure} of a click on a shift's button, which may have written weights
     * before the store failed (see {@link #SHIFT_STORE_UNAVAILABLE}).
     */
    public static String shiftReply(RuntimeException failure) {
        return failure instanceof StoreUnavailableException ? SHIFT_STORE_UNAVAILABLE : INTERNAL;
    }
}
