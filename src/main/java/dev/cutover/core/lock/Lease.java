package dev.cutover.core.lock;

import java.time.Duration;

/**
 * A held lock. Valid until its TTL runs out; {@link #renew} extends it, {@link #release} frees it.
 * Both act only while this holder still owns the lock, so a late call never touches the lock of
 * whoever acquired it after the TTL ran out.
 */
public interface Lease extends AutoCloseable {
    /** The lock's name, as in {@link LockSpec#name()}. */
    String name();

    /**
     * The fencing token: strictly greater than every token issued earlier for this lock name, so a
     * downstream system can refuse writes carrying a token lower than one it has seen.
     */
    long fencingToken();

    /** The TTL each acquire or renew sets. */
    Duration lease();

    /**
     * Resets the TTL to {@link #lease()} if this holder still owns the lock.
     *
     * @return false when the lock was lost (expired, or taken by someone else)
     * @throws LockUnavailableException when the store cannot be reached; ownership is then unknown
     */
    boolean renew();

    /**
     * Frees the lock if this holder still owns it; otherwise does nothing. Never throws: a release
     * that fails leaves the lock to expire with its TTL.
     */
    void release();

    /**
     * Tells the lease that its holder gave it up as lost because no renewal was confirmed within a
     * whole lease (the store never said it was gone: the renewals failed). Called at most once;
     * does nothing by default (a metered lease counts it as a lost lease).
     */
    default void givenUp() {}

    /** Same as {@link #release()}. */
    @Override
    default void close() {
        release();
    }
}
