package dev.cutover.redis;

import static dev.cutover.core.approval.Requests.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.RedisSettings;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.StoreUnavailableException;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.testing.RedisClusterServers;
import dev.cutover.testing.ReplyDroppingProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The store contracts on a real three-node Redis Cluster (ElastiCache cluster mode and Serverless
 * shard the same way), through the client {@code redis.mode: cluster} builds, and what only a
 * cluster can break: a script whose keys are in different slots fails with CROSSSLOT.
 */
class RedisClusterIT extends RedisStoreContracts {
    private static RedisClusterServers cluster;
    private static UnifiedJedis redis;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterServers.shared();
        redis = cluster.client();
    }

    @Override
    protected UnifiedJedis redis() {
        return redis;
    }

    @Override
    protected UnifiedJedis otherReplica() {
        return cluster.secondClient();
    }

    @Test
    void requestsOfManyPairsAndLocksOfManyJobsWorkWhereverTheirSlotsAre() {
        // Forty pairs and jobs hash to slots on every node; each call's keys must still meet.
        String prefix = TestRedis.newPrefix();
        RedisApprovalStore store = new RedisApprovalStore(redis, prefix);
        RedisLockProvider locks = new RedisLockProvider(redis, prefix);
        Set<Integer> lockSlots = new HashSet<>();
        IntStream.range(0, 40).forEach(i -> {
            ApprovalRequest r = pending("req-" + i, "pair-" + i);
            assertThat(store.createIfIdle(r)).isEmpty();
            assertThat(store.compareAndSet(r.withState(ApprovalState.CANCELLED)))
                    .isTrue();
            assertThat(store.openRequest("pair-" + i)).isEmpty();
            Lease lease = locks.tryAcquire(new LockSpec("job:j-" + i, Duration.ofSeconds(30)))
                    .orElseThrow();
            lease.release();
            lockSlots.add(JedisClusterCRC16.getSlot(prefix + "lock:{job:j-" + i + "}"));
        });
        assertThat(nodesOwning(lockSlots)).as("locks spread over the nodes").isEqualTo(3);
    }

    @Test
    void theKeysOneScriptTouchesShareASlot() {
        String p = "cutover:";
        assertThat(JedisClusterCRC16.getSlot(p + "{approval}:req:r1"))
                .isEqualTo(JedisClusterCRC16.getSlot(p + "{approval}:pair:web:open"));
        assertThat(JedisClusterCRC16.getSlot(p + "lock:{job:nightly}"))
                .isEqualTo(JedisClusterCRC16.getSlot(p + "fence:{job:nightly}"));
        String prefix = TestRedis.newPrefix();
        ApprovalRequest r = pending("r1", "web");
        new RedisApprovalStore(redis, prefix).createIfIdle(r);
        assertThat(redis.hget(prefix + "{approval}:req:r1", "version")).isEqualTo("1");
        assertThat(redis.get(prefix + "{approval}:pair:web:open")).isEqualTo("r1");
        Lease lease = new RedisLockProvider(redis, prefix)
                .tryAcquire(new LockSpec("job:nightly", Duration.ofSeconds(30)))
                .orElseThrow();
        assertThat(redis.get(prefix + "lock:{job:nightly}")).endsWith(":" + lease.fencingToken());
        assertThat(redis.get(prefix + "fence:{job:nightly}")).isEqualTo(Long.toString(lease.fencingToken()));
        lease.release();
    }

    @Test
    void everyScriptRunsAgainAfterEveryNodesScriptCacheIsFlushed() {
        // EVALSHA goes to the node owning the script's keys; after a flush that node answers
        // NOSCRIPT and the EVAL fallback must go to the same node.
        String prefix = TestRedis.newPrefix();
        RedisLockProvider locks = new RedisLockProvider(redis, prefix);
        RedisApprovalStore store = new RedisApprovalStore(redis, prefix);
        RedisFireClaims claims = new RedisFireClaims(redis, prefix);
        cluster.flushScripts();
        Lease lease = locks.tryAcquire(new LockSpec("job:flushed", Duration.ofSeconds(30)))
                .orElseThrow();
        assertThat(store.createIfIdle(pending("r1", "web"))).isEmpty();
        assertThat(claims.claim("fire:flushed", Duration.ofMinutes(1))).isTrue();
        cluster.flushScripts();
        assertThat(lease.renew()).isTrue();
        lease.release();
        assertThat(store.compareAndSet(pending("r1", "web").withState(ApprovalState.APPROVED)))
                .isTrue();
    }

    @Test
    void aClientBuiltWhileNoNodeAnswersFindsTheClusterOnceOneDoes() throws Exception {
        // The bot starts while Redis is down (standalone or cluster); it must not need a restart.
        int seedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            seedPort = s.getLocalPort();
        }
        RedisSettings settings = new RedisSettings("redis://127.0.0.1:" + seedPort, RedisSettings.Mode.CLUSTER, null);
        Duration wait = Duration.ofMillis(500);
        try (UnifiedJedis early = RedisConnections.open(settings, wait, wait, 2)) {
            RedisApprovalStore store = new RedisApprovalStore(early, TestRedis.newPrefix());
            assertThatThrownBy(() -> store.get("r1")).isInstanceOf(StoreUnavailableException.class);
            URI firstNode = URI.create("redis://127.0.0.1:" + cluster.ports().get(0));
            try (ReplyDroppingProxy seed = new ReplyDroppingProxy(firstNode, seedPort)) {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(
                                store.createIfIdle(pending("r1", "web")))
                        .isEmpty());
                assertThat(store.openRequest("web")).contains("r1");
            }
        }
    }

    @Test
    void theStoreClockIsANodesTime() {
        Instant before = Instant.now();
        Instant theirs = new RedisStoreTime(redis).now();
        assertThat(Duration.between(before, theirs).abs()).isLessThan(Duration.ofSeconds(2));
    }

    private static long nodesOwning(Set<Integer> slots) {
        return slots.stream().map(slot -> cluster.ownerOf(slot)).distinct().count();
    }
}
