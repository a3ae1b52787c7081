package dev.cutover.core.job;

import java.time.Instant;

/** The clock of the store the replicas share (Redis's {@code TIME}), to compare ours with (port). */
@FunctionalInterface
public interface StoreTime {
    /**
     * The store's current time.
     *
     * @throws dev.cutover.core.lock.LockUnavailableException when the store cannot be reached
     */
    Instant now();
}
