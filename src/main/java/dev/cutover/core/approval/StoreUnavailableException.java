package dev.cutover.core.approval;

/** The shared store could not be reached or answered ambiguously; the operation did not happen. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
