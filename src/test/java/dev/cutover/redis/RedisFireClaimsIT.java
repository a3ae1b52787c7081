package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.FireClaimsContract;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.testing.RedisTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The claims contract on the real Redis, and what only Redis has: the key layout and its TTL. */
class RedisFireClaimsIT extends FireClaimsContract {
    private static RedisClient redis;
    private String prefix;

    @BeforeAll
    static void connect() {
        redis = RedisTestSupport.client();
    }

    @AfterEach
    void deleteKeys() {
        redis.keys(prefix + "*").forEach(redis::del);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Override
    protected FireClaims newClaims() {
        prefix = RedisTestSupport.prefix("RedisFireClaimsIT");
        return new RedisFireClaims(redis, prefix);
    }

    @Test
    void theClaimKeyCarriesItsTtl() {
        assertThat(claims.claim("fire:x-1", Duration.ofSeconds(60))).isTrue();
        assertThat(redis.pttl(prefix + "claim:fire:x-1")).isBetween(1L, 60_000L);
    }

    @Test
    void anUnreachableRedisIsADistinctFailureSoCallersFailClosed() {
        try (RedisClient down = TestRedis.dead(null)) {
            assertThatThrownBy(() -> new RedisFireClaims(down, prefix).claim("fire:down-1", Duration.ofSeconds(60)))
                    .isInstanceOf(LockUnavailableException.class)
                    .hasMessageContaining("fire:down-1");
        }
    }
}
