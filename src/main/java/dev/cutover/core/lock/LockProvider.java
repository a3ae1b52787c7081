package dev.cutover.core.lock;

import java.util.Optional;

/**
 * Mutual exclusion with a TTL and fencing tokens, shared by every replica that uses the same store
 * (the contract ShedLock's {@code LockProvider} follows, plus fencing).
 */
public interface LockProvider {
    /**
     * Takes the lock {@code spec.name()} for {@code spec.lease()} if no one holds it.
     *
     * @return the lease, or empty when someone else holds the lock (busy is a value, not an error)
     * @throws LockUnavailableException when the store cannot be reached or its answer is unknown;
     *     callers fail closed (do not run the guarded work)
     */
    Optional<Lease> tryAcquire(LockSpec spec);

    /**
     * Who holds the lock {@code name} now.
     *
     * @return the holder, or empty when the lock is free (also from a provider that cannot tell)
     * @throws LockUnavailableException when the store cannot be reached
     */
    default Optional<LockHolder> holder(String name) {
        return Optional.empty();
    }
}
