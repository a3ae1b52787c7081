package dev.cutover.redis;

import static dev.cutover.core.traffic.ShiftFixture.BAKE;
import static dev.cutover.core.traffic.ShiftFixture.PAIR;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.StateStore;
import dev.cutover.core.alert.StateStoreContract;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.ApprovalStoreContract;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.audit.AuditLogContract;
import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.FireClaimsContract;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobHistoryContract;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockProviderContract;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftFixture;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.Weights;
import dev.cutover.memory.InMemoryTrafficWeights;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every Redis store's contract suite (approvals, locks, fire claims, alert state, audit, job
 * history, shifts), run against the Redis connection a subclass gives: one subclass per way Redis is run
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

    @Nested
    class Shifts {
        @Test
        void aShiftHoldsThePairAgainstSwapsAndRunsToDone() {
            String prefix = TestRedis.newPrefix();
            MutableClock clock = new MutableClock(T0);
            InMemoryTrafficWeights weights = ShiftFixture.allBlue();
            RedisApprovalStore approvals = new RedisApprovalStore(redis(), prefix);
            ShiftFixture replica = new ShiftFixture(
                    new RedisShiftStore(redis(), prefix), approvals, weights, clock, ShiftPlan.OnAlarm.REVERT);
            Shift s = replica.started();

            assertThat(approvals.createIfIdle(Requests.pending("r1", PAIR))).contains(s.id());
            for (int step = 1; step <= 3; step++) {
                clock.advance(BAKE);
                replica.runner.sweep();
            }

            RedisShiftStore other = new RedisShiftStore(otherReplica(), prefix);
            assertThat(other.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.DONE);
            assertThat(other.openIds()).isEmpty();
            assertThat(weights.read()).isEqualTo(new Weights(0, 100));
            assertThat(approvals.createIfIdle(Requests.pending("r2", PAIR))).isEmpty();
        }
    }
}
