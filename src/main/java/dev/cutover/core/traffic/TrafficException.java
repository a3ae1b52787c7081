package dev.cutover.core.traffic;

/**
 * Weights that could not be read or set; {@link #kind()} says why, the message says it for people
 * and names the difference when the weights were not as expected.
 */
public final class TrafficException extends RuntimeException {
    /** Why a weight change failed. */
    public enum Kind {
        /** The weights were not the expected ones before the write: nothing was written. */
        DRIFTED,
        /**
         * The weights read back after the write are not the ones written (a backend without a
         * conditional write, where someone else wrote in between): the shift must stop.
         */
        MISMATCH,
        /** A record, rule or target group of the pair does not exist. */
        NOT_FOUND,
        /** The service kept throttling after the SDK's retries. */
        THROTTLED,
        /**
         * The service refused the write for a reason of its own (Route 53's InvalidChangeBatch other
         * than drift): nothing was written, and the same write would be refused again.
         */
        REFUSED,
        /** Any other service error (access denied, network). */
        AWS_ERROR
    }

    private final Kind kind;

    public TrafficException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TrafficException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
