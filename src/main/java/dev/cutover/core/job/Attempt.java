package dev.cutover.core.job;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One attempt of one fire, as a target sees it.
 *
 * @param fire the fire identity: the idempotency key to pass downstream
 * @param number the attempt number, 1-based
 * @param fencingToken the lock's fencing token, to pass downstream so stale holders can be refused;
 *     0 when the job runs without a lock
 * @param timeout the longest this attempt may take
 * @param cancelled turns true when the attempt must stop early (lease lost, shutdown)
 */
public record Attempt(FireIdentity fire, int number, long fencingToken, Duration timeout, BooleanSupplier cancelled) {
    /** Whether the attempt must stop early. */
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
