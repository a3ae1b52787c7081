package dev.cutover.memory;

import dev.cutover.core.alert.StateStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link StateStore} in this process, for a single instance and tests. Thread-safe. */
public final class InMemoryStateStore<T> implements StateStore<T> {
    private final ConcurrentMap<String, Versioned<T>> states = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned<T>> get(String key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, T next) {
        Versioned<T> stored = new Versioned<>(expectedVersion + 1, next);
        if (expectedVersion == 0) {
            return states.putIfAbsent(key, stored) == null;
        }
        Versioned<T> current = states.get(key);
        return current != null && current.version() == expectedVersion && states.replace(key, current, stored);
    }
}
