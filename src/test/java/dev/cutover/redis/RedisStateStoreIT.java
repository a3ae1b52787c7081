package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisStateStoreIT extends StateStoreContract {
    private final String prefix = TestRedis.newPrefix();

    @Override
    protected StateStore<AlertState> newStore() {
        return new RedisStateStore<>(TestRedis.client(), prefix, AlertState.class, Duration.ofMinutes(5));
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteAll(prefix);
    }

    @Test
    void oneHashPerKeyWithVersionStateAndExpiry() {
        store.compareAndSet("orders-worker", 0, AlertState.initial());

        assertThat(TestRedis.client().hgetAll(prefix + "orders-worker")).containsKeys("v", "s");
        assertThat(TestRedis.client().hget(prefix + "orders-worker", "v")).isEqualTo("1");
        assertThat(TestRedis.client().pttl(prefix + "orders-worker")).isBetween(1L, 300_000L);
    }
}
