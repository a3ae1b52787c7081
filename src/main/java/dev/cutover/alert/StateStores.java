package dev.cutover.alert;

import dev.cutover.core.alert.StateStore;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.redis.RedisStateStore;
import redis.clients.jedis.UnifiedJedis;

/** Makes the monitors' state stores: in Redis for replicas, or in this process. */
@FunctionalInterface
public interface StateStores {
    /** A store for states of {@code type} under {@code name} (e.g. {@code queue}, {@code service}). */
    <T> StateStore<T> named(String name, Class<T> type);

    /** Stores in this process: for a single instance (and tests). */
    static StateStores inMemory() {
        return new StateStores() {
            @Override
            public <T> StateStore<T> named(String name, Class<T> type) {
                return new InMemoryStateStore<>();
            }
        };
    }

    /** Stores in Redis under {@code cutover:alert:<name>:<key>}, shared by every replica. */
    static StateStores redis(UnifiedJedis redis) {
        return redis(redis, RedisStateStore.DEFAULT_PREFIX);
    }

    /** Stores in Redis under {@code <prefix><name>:<key>}. */
    static StateStores redis(UnifiedJedis redis, String prefix) {
        return new StateStores() {
            @Override
            public <T> StateStore<T> named(String name, Class<T> type) {
                return new RedisStateStore<>(redis, prefix + name + ":", type, RedisStateStore.DEFAULT_TTL);
            }
        };
    }
}
