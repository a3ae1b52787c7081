package dev.cutover.redis;

import static dev.cutover.core.approval.Requests.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ApprovalStoreContract;
import dev.cutover.core.approval.Freeze;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.approval.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisApprovalStoreIT extends ApprovalStoreContract {
    private final String prefix = TestRedis.newPrefix();
    private final RedisClient redis = TestRedis.client();

    @Override
    protected ApprovalStore newStore() {
        return new RedisApprovalStore(redis, prefix);
    }

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteAll(prefix);
    }

    @Test
    void keysFollowTheDocumentedLayout() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        store.compareAndSet(r.withState(ApprovalState.APPROVED));
        store.freeze("web", new Freeze("U-ALICE", "release", Requests.NOW));
        store.recordApplied("web", new AppliedSwap("r0", Requests.mixedPlan("web"), "C1", Requests.NOW));

        assertThat(redis.keys(prefix + "*"))
                .containsExactlyInAnyOrder(
                        prefix + "{approval}:req:r1",
                        prefix + "{approval}:pair:web:open",
                        prefix + "pair:web:freeze",
                        prefix + "pair:web:applied");
        assertThat(redis.hgetAll(prefix + "{approval}:req:r1"))
                .containsOnlyKeys("version", "json")
                .containsEntry("version", "2");
        assertThat(redis.get(prefix + "{approval}:pair:web:open")).isEqualTo("r1");
        long thirtyDays = Duration.ofDays(30).toSeconds();
        assertThat(List.of(redis.ttl(prefix + "{approval}:req:r1"), redis.ttl(prefix + "{approval}:pair:web:open")))
                .allSatisfy(ttl -> assertThat(ttl).isBetween(thirtyDays - 60, thirtyDays));
        assertThat(redis.ttl(prefix + "pair:web:freeze")).isEqualTo(-1);
        assertThat(redis.ttl(prefix + "pair:web:applied")).isEqualTo(-1);
    }

    @Test
    void aWriteRefreshesTheRequestTtl() {
        ApprovalRequest r = pending("r1", "web");
        store.createIfIdle(r);
        redis.expire(prefix + "{approval}:req:r1", 100);
        redis.expire(prefix + "{approval}:pair:web:open", 100);
        store.compareAndSet(r.withState(ApprovalState.APPROVED));
        assertThat(redis.ttl(prefix + "{approval}:req:r1")).isGreaterThan(100);
        assertThat(redis.ttl(prefix + "{approval}:pair:web:open")).isGreaterThan(100);
    }

    @Test
    void aRedisThatIsDownMakesTheStoreUnavailableWithoutLeakingCredentials() {
        try (RedisClient dead = TestRedis.dead("cutover:s3cret-pw")) {
            ApprovalStore down = new RedisApprovalStore(dead, prefix);
            ApprovalRequest r = pending("r1", "web");
            List<ThrowingCallable> calls = List.of(
                    () -> down.createIfIdle(r),
                    () -> down.get("r1"),
                    () -> down.openRequest("web"),
                    () -> down.compareAndSet(r.withState(ApprovalState.APPROVED)),
                    () -> down.freeze("web", new Freeze("U-ALICE", "x", Requests.NOW)),
                    () -> down.unfreeze("web"),
                    () -> down.frozen("web"),
                    () -> down.lastApplied("web"));
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call)
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageStartingWith("Redis failed during ")
                        .hasMessageNotContaining("s3cret");
            }
        }
    }
}
