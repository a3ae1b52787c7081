package dev.cutover.core.lock;

/**
 * The lock store could not be reached, or its answer was lost and could not be reconciled. Whether
 * the lock is held is unknown: guarded work must not run.
 */
public class LockUnavailableException extends RuntimeException {
    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
