package dev.cutover.redis;

import static dev.cutover.core.approval.Requests.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.testing.RedisClusterServers;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The store contracts on Redis as ElastiCache Serverless runs it: a cluster that speaks TLS only,
 * between nodes too, and requires a password, reached through {@code rediss://:password@seed} with
 * {@code redis.mode: cluster}. The client must open TLS connections with AUTH to every node the
 * slot map names, not only to the seed.
 */
class RedisTlsClusterIT extends RedisStoreContracts {
    private static RedisClusterServers cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterServers.sharedTls();
    }

    @Override
    protected UnifiedJedis redis() {
        return cluster.client();
    }

    @Override
    protected UnifiedJedis otherReplica() {
        return cluster.secondClient();
    }

    @Test
    void keysReachEveryNodeOverTls() {
        String prefix = TestRedis.newPrefix();
        RedisApprovalStore store = new RedisApprovalStore(redis(), prefix);
        RedisLockProvider locks = new RedisLockProvider(redis(), prefix);
        IntStream.range(0, 40).forEach(i -> {
            ApprovalRequest r = pending("req-" + i, "pair-" + i);
            assertThat(store.createIfIdle(r)).isEmpty();
            assertThat(store.compareAndSet(r.withState(ApprovalState.APPROVED))).isTrue();
            locks.tryAcquire(new LockSpec("job:j-" + i, Duration.ofSeconds(30))).orElseThrow();
        });
        assertThat(cluster.ports()).allSatisfy(port -> assertThat(cluster.keysOn(port))
                .as("keys on node " + port)
                .isPositive());
    }
}
