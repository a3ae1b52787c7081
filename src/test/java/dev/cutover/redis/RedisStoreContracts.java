package dev.cutover.redis;

import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStoreContract;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ApprovalStoreContract;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.audit.AuditLogContract;
import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.FireClaimsContract;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobHistoryContract;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockProviderContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every Redis store's contract suite (approvals, locks, fire claims, alert state, audit, job
 * history), run against the Redis connection a subclass gives: one subclass per way Redis is run
 * (a cluster, TLS with AUTH). Each test works under a fresh key prefix.
 */
abstract class RedisStoreContracts {
    /** The client the stores under test use. */
    protected abstract UnifiedJedis redis();

    /** A second client with its own connections to the same Redis, as another replica has. */
    protected abstract UnifiedJedis otherReplica();

    @Nested
    class Approvals extends ApprovalStoreContract {
        @Override
        protected ApprovalStore newStore() {
            return new RedisApprovalStore(redis(), TestRedis.newPrefix());
        }
    }

    @Nested
    class Locks extends LockProviderContract {
        private final String prefix = TestRedis.newPrefix();

        @Override
        protected LockProvider provider() {
            return new RedisLockProvider(redis(), prefix);
        }

        @Override
        protected LockProvider otherReplica() {
            return new RedisLockProvider(RedisStoreContracts.this.otherReplica(), prefix);
        }
    }

    @Nested
    class Claims extends FireClaimsContract {
        @Override
        protected FireClaims newClaims() {
            return new RedisFireClaims(redis(), TestRedis.newPrefix());
        }
    }

    @Nested
    class States extends StateStoreContract {
        @Override
        protected StateStore<AlertState> newStore() {
            return new RedisStateStore<>(redis(), TestRedis.newPrefix(), AlertState.class, Duration.ofMinutes(5));
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return new RedisAuditLog(redis(), TestRedis.newPrefix());
        }
    }

    @Nested
    class History extends JobHistoryContract {
        @Override
        protected JobHistory newHistory(int limit) {
            return new RedisJobHistory(redis(), TestRedis.newPrefix(), limit);
        }
    }
}
