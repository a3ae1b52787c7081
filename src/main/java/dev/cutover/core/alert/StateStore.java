package dev.cutover.core.alert;

import java.util.Optional;

/**
 * Per-key monitor state shared by every replica, changed only by compare-and-set, so that exactly
 * one replica wins each transition and only the winner posts it.
 *
 * <p>Implementations: {@code RedisStateStore} (replicas) and {@code InMemoryStateStore} (one
 * process). Failures of the backing store are thrown as unchecked exceptions; the caller skips that
 * poll.
 *
 * @param <T> the state type (a record)
 */
public interface StateStore<T> {
    /**
     * A state and the version it was stored at.
     *
     * @param version 1 for the first stored state, then one more per successful set
     * @param state the state
     */
    record Versioned<T>(long version, T state) {}

    /** The state of {@code key}; empty when none was ever stored (version 0). */
    Optional<Versioned<T>> get(String key);

    /**
     * Stores {@code next} as version {@code expectedVersion + 1} if {@code key} is still at {@code
     * expectedVersion} (0 for absent).
     *
     * @return true when stored; false when another writer got there first (nothing changed)
     */
    boolean compareAndSet(String key, long expectedVersion, T next);
}
