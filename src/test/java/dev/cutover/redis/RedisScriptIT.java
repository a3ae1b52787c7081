package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisScriptIT {
    private final RedisClient redis = TestRedis.client();

    @Test
    void aScriptMissingFromTheCacheRunsByEvalAndIsThenCached() {
        // A comment unique to this run: no other test can have cached this script.
        RedisScript script = new RedisScript("return ARGV[1] .. KEYS[1] -- " + UUID.randomUUID());
        assertThat(redis.scriptExists(script.sha1(), "any")).isFalse();

        assertThat(script.run(redis, List.of("k"), List.of("v"))).isEqualTo("vk");
        assertThat(redis.scriptExists(script.sha1(), "any")).isTrue();
        assertThat(script.run(redis, List.of("k2"), List.of("w"))).isEqualTo("wk2");
    }

    @Test
    void theLocalDigestIsTheOneRedisComputes() {
        String source = "return 1 -- " + UUID.randomUUID();
        assertThat(redis.scriptLoad(source)).isEqualTo(new RedisScript(source).sha1());
    }
}
