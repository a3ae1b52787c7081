package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.testing.PrivateRedis;
import dev.cutover.testing.RedisTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Issue 11 item 4: fencing tokens strictly increase even when Redis loses its data under a holder,
 * on a private redis-server without persistence (the shared one is never flushed).
 */
class FencingAcrossDataLossIT {
    private static final LockSpec SPEC = new LockSpec("job:fenced", Duration.ofSeconds(30));
    private static PrivateRedis server;
    private static RedisClient redis;
    private final String prefix = RedisTestSupport.prefix("FencingAcrossDataLossIT");

    @BeforeAll
    static void startRedis() throws Exception {
        server = new PrivateRedis();
        redis = RedisConnections.open(server.uri(), Duration.ofMillis(500), Duration.ofMillis(500), 4);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
        server.close();
    }

    @Test
    void afterFlushdbMidRunTheNextHolderGetsAGreaterTokenAndTheOldHolderSeesItsLeaseGone() {
        RedisLockProvider locks = new RedisLockProvider(redis, prefix);
        Lease first = locks.tryAcquire(SPEC).orElseThrow();
        Lease second = null;
        try (Jedis admin = server.admin()) {
            admin.flushDB();
            second = locks.tryAcquire(SPEC).orElseThrow();
            assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
            assertThat(first.renew())
                    .as("the cut-off holder learns it lost the lock")
                    .isFalse();
            second.release();
            Lease third = locks.tryAcquire(SPEC).orElseThrow();
            assertThat(third.fencingToken()).isGreaterThan(second.fencingToken());
            third.release();
            // Back-to-back losses, each followed at once by an acquire: never an equal token.
            long last = third.fencingToken();
            for (int round = 0; round < 5; round++) {
                admin.flushDB();
                Lease next = locks.tryAcquire(SPEC).orElseThrow();
                assertThat(next.fencingToken()).isGreaterThan(last);
                last = next.fencingToken();
            }
        }
    }

    @Test
    void afterARestartWithoutPersistenceTheNextHolderGetsAGreaterToken() throws Exception {
        RedisLockProvider locks = new RedisLockProvider(redis, prefix);
        Lease before = locks.tryAcquire(SPEC).orElseThrow();
        server.restart();
        try (Jedis admin = server.admin()) {
            assertThat(admin.dbSize()).as("the restart lost every key").isZero();
        }
        // The pooled connections died with the server; the acquire retries once on a fresh one.
        Lease after = locks.tryAcquire(SPEC).orElseThrow();
        assertThat(after.fencingToken()).isGreaterThan(before.fencingToken());
        after.release();
    }
}
