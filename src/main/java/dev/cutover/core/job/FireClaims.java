package dev.cutover.core.job;

import dev.cutover.core.lock.LockUnavailableException;
import java.time.Duration;

/**
 * Claims of fire identities (and other one-time keys such as alert ids), shared by every replica
 * (port). A claim is kept for its TTL, so a second delivery of a slot after its run finished is
 * recognised, which a mutex alone lets through.
 */
public interface FireClaims {
    /**
     * Claims {@code key} for {@code ttl}.
     *
     * @return true if this call claimed it; false if it was already claimed
     * @throws LockUnavailableException when the store cannot be reached
     */
    boolean claim(String key, Duration ttl);

    /**
     * Whether {@code key} is claimed now (e.g. to tell a second delivery of a running slot from
     * another run holding the lock).
     *
     * @throws LockUnavailableException when the store cannot be reached
     */
    boolean isClaimed(String key);
}
