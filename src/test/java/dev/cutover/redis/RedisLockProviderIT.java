package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockProviderContract;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.testing.RedisTestSupport;
import dev.cutover.testing.ReplyDroppingProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisLockProviderIT extends LockProviderContract {
    private static RedisClient redis;
    private static RedisClient redis2;
    private static final String PREFIX = RedisTestSupport.prefix("RedisLockProviderIT");

    @BeforeAll
    static void connect() {
        redis = RedisTestSupport.client();
        redis2 = RedisTestSupport.client();
    }

    @AfterAll
    static void close() {
        redis.close();
        redis2.close();
    }

    @Override
    protected LockProvider provider() {
        return new RedisLockProvider(redis, PREFIX);
    }

    @Override
    protected LockProvider otherReplica() {
        return new RedisLockProvider(redis2, PREFIX);
    }

    @Test
    void anUnreachableRedisIsADistinctFailureSoCallersFailClosed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RedisClient down = dev.cutover.redis.RedisConnections.open(
                URI.create("redis://127.0.0.1:" + closedPort), Duration.ofMillis(200), Duration.ofMillis(200), 2)) {
            assertThatThrownBy(() -> new RedisLockProvider(down, PREFIX).tryAcquire(new LockSpec("job:down", LEASE)))
                    .isInstanceOf(LockUnavailableException.class)
                    .hasMessageContaining("job:down");
        }
    }

    @Test
    void anAcquireWhoseReplyWasLostIsRecognisedByItsTokenInsteadOfLockingTheJobOut() throws Exception {
        try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(RedisTestSupport.uri());
                RedisClient viaProxy =
                        RedisConnections.open(proxy.uri(), Duration.ofMillis(300), Duration.ofMillis(300), 1)) {
            viaProxy.ping(); // connection set up before replies start being dropped
            proxy.dropNextReply();
            LockSpec spec = new LockSpec("job:ambiguous", Duration.ofSeconds(30));
            Lease lease =
                    new RedisLockProvider(viaProxy, PREFIX).tryAcquire(spec).orElseThrow();
            assertThat(proxy.droppedReplies()).isEqualTo(1);
            assertThat(redis.get(PREFIX + "lock:{job:ambiguous}")).endsWith(":" + lease.fencingToken());
            assertThat(provider().tryAcquire(spec)).isEmpty();
            lease.release();
            assertThat(provider().tryAcquire(spec)).isPresent();
        }
    }

    @Test
    void aLockKeyLeftWithoutTtlIsFlaggedAndGivenTheLeaseAsItsTtl() {
        LockSpec spec = new LockSpec("job:no-ttl", Duration.ofMillis(300));
        redis.set(PREFIX + "lock:{job:no-ttl}", "by-hand:1");
        assertThat(redis.pttl(PREFIX + "lock:{job:no-ttl}")).isEqualTo(-1);
        assertThat(provider().tryAcquire(spec)).as("still someone's lock").isEmpty();
        assertThat(redis.pttl(PREFIX + "lock:{job:no-ttl}")).isBetween(1L, 300L);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .until(() -> provider().tryAcquire(spec).isPresent());
    }
}
