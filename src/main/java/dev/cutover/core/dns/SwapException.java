package dev.cutover.core.dns;

/** A swap that could not be planned or applied; {@link #kind()} says why, the message says it for people. */
public final class SwapException extends RuntimeException {
    /** Why a swap failed. */
    public enum Kind {
        /** A record of the pair does not exist (or has no A/AAAA/CNAME record set). */
        NOT_FOUND,
        /** The records changed since the plan: Route 53 rejected the batch, nothing was applied. */
        DRIFTED,
        /** Route 53 kept throttling after the SDK's retries; nothing was applied. */
        THROTTLED,
        /** The change was submitted but not INSYNC within the timeout. */
        INSYNC_TIMEOUT,
        /**
         * Route 53 refused the change batch for a reason other than drift (InvalidChangeBatch: a CNAME
         * beside other types, a bad value): a definite answer, nothing was applied, and the same
         * batch would be refused again.
         */
        REFUSED,
        /** Any other AWS error (access denied, no such zone, network). */
        AWS_ERROR
    }

    private final Kind kind;

    public SwapException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SwapException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
