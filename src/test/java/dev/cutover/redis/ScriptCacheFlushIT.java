package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.RunRecord;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * Every Lua script of the Redis adapters survives an emptied script cache (a Redis restart, a
 * failover, SCRIPT FLUSH) and, once cached again, travels as EVALSHA rather than as its source.
 */
class ScriptCacheFlushIT {
    private final RedisClient redis = TestRedis.client();
    private final String prefix = TestRedis.newPrefix();

    @AfterEach
    void cleanUp() {
        TestRedis.deleteAll(prefix);
    }

    @Test
    void theLockWorksAcrossAFlushedScriptCache() {
        RedisLockProvider locks = new RedisLockProvider(redis, prefix);
        LockSpec spec = new LockSpec("job", Duration.ofSeconds(30));

        Lease first = locks.tryAcquire(spec).orElseThrow();
        redis.scriptFlush();
        assertThat(first.renew()).isTrue();
        redis.scriptFlush();
        first.release();
        redis.scriptFlush();
        Lease second = locks.tryAcquire(spec).orElseThrow();

        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        second.release();
    }

    @Test
    void fireClaimsAndJobHistoryWorkAcrossAFlushedScriptCache() {
        RedisFireClaims claims = new RedisFireClaims(redis, prefix);
        assertThat(claims.claim("a", Duration.ofMinutes(1))).isTrue();
        redis.scriptFlush();
        assertThat(claims.claim("a", Duration.ofMinutes(1))).isFalse();
        assertThat(claims.claim("b", Duration.ofMinutes(1))).isTrue();

        RedisJobHistory history = new RedisJobHistory(redis, prefix, 10);
        history.record(run("first"));
        redis.scriptFlush();
        history.record(run("second"));
        assertThat(history.recent("job", 10)).extracting(RunRecord::detail).containsExactly("second", "first");
    }

    @Test
    void afterTheFallbackTheScriptTravelsAsEvalsha() {
        // One connection, so CLIENT LIST shows the last command this very connection sent; a
        // server-wide count (INFO commandstats) would also count other clients of a shared Redis.
        try (RedisClient single =
                RedisConnections.open(TestRedis.URL, Duration.ofSeconds(2), Duration.ofSeconds(2), 1)) {
            String id = single.sendCommand(Protocol.Command.CLIENT, "ID").toString();
            RedisLockProvider locks = new RedisLockProvider(single, prefix);
            LockSpec spec = new LockSpec("evalsha", Duration.ofSeconds(30));

            redis.scriptFlush();
            Lease lease = locks.tryAcquire(spec).orElseThrow();
            assertThat(lastCommand(id)).isEqualTo("eval");
            lease.release();
            assertThat(lastCommand(id)).isEqualTo("eval");

            lease = locks.tryAcquire(spec).orElseThrow();
            assertThat(lastCommand(id)).isEqualTo("evalsha");
            lease.release();
            assertThat(lastCommand(id)).isEqualTo("evalsha");
        }
    }

    private String lastCommand(String clientId) {
        String line = new String(
                (byte[]) redis.sendCommand(Protocol.Command.CLIENT, "LIST", "ID", clientId), StandardCharsets.UTF_8);
        return Arrays.stream(line.trim().split(" "))
                .filter(f -> f.startsWith("cmd="))
                .map(f -> f.substring(4))
                .findFirst()
                .orElseThrow();
    }

    private static RunRecord run(String detail) {
        Instant now = Instant.now();
        return new RunRecord(
                "job",
                UUID.randomUUID().toString(),
                now,
                "scheduled",
                now,
                now,
                1,
                RunRecord.Result.SUCCEEDED,
                0,
                detail,
                Map.of());
    }
}
