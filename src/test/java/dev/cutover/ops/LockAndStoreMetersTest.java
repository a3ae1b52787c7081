package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.Requests;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.PrometheusText;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1: the lock meters ({@code cutover_lock_acquisitions_total} acquired, busy and
 * unavailable; {@code cutover_lock_renewals_total} renewed, lost and unavailable, a lease given up
 * for want of a confirmed renewal counted as lost) and {@code cutover_cas_refusals_total} move, read
 * from the Prometheus text the ops port serves.
 */
class LockAndStoreMetersTest {
    private final OpsMetrics metrics = new OpsMetrics();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        metrics.close();
    }

    private double sum(String name, Map<String, String> labels) {
        return PrometheusText.parse(metrics.scrape()).sum(name, labels);
    }

    @Test
    void acquisitionsAndRenewalsAreCountedByResult() {
        AtomicBoolean down = new AtomicBoolean();
        LockProvider store = new InMemoryLockProvider(clock);
        LockProvider flaky = new LockProvider() {
            @Override
            public Optional<Lease> tryAcquire(LockSpec spec) {
                if (down.get()) {
                    throw new LockUnavailableException("Redis unreachable", null);
                }
                return store.tryAcquire(spec);
            }

            @Override
            public Optional<LockHolder> holder(String name) {
                return store.holder(name);
            }
        };
        MeteredLockProvider locks = new MeteredLockProvider(flaky, metrics.registry());
        LockSpec spec = new LockSpec("nightly", Duration.ofSeconds(30));

        Lease lease = locks.tryAcquire(spec).orElseThrow();
        assertThat(locks.tryAcquire(spec)).isEmpty();
        down.set(true);
        assertThatThrownBy(() -> locks.tryAcquire(spec)).isInstanceOf(LockUnavailableException.class);
        assertThat(lease.renew()).isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(lease.renew()).as("expired").isFalse();

        assertThat(sum("cutover_lock_acquisitions_total", Map.of("lock", "nightly", "result", "acquired")))
                .isEqualTo(1);
        assertThat(sum("cutover_lock_acquisitions_total", Map.of("lock", "nightly", "result", "busy")))
                .isEqualTo(1);
        assertThat(sum("cutover_lock_acquisitions_total", Map.of("lock", "nightly", "result", "unavailable")))
                .isEqualTo(1);
        assertThat(sum("cutover_lock_renewals_total", Map.of("lock", "nightly", "result", "renewed")))
                .isEqualTo(1);
        assertThat(sum("cutover_lock_renewals_total", Map.of("lock", "nightly", "result", "lost")))
                .isEqualTo(1);
    }

    @Test
    void aLeaseWhoseRenewalsAllFailIsCountedLostOnceWhenItRunsOut() {
        LockProvider store = new InMemoryLockProvider(Clock.systemUTC());
        LockProvider unrenewable = new LockProvider() {
            @Override
            public Optional<Lease> tryAcquire(LockSpec spec) {
                return store.tryAcquire(spec).map(l -> new Lease() {
                    public String name() {
                        return l.name();
                    }

                    public long fencingToken() {
                        return l.fencingToken();
                    }

                    public Duration lease() {
                        return l.lease();
                    }

                    public boolean renew() {
                        throw new LockUnavailableException("read timed out", null);
                    }

                    public void release() {
                        l.release();
                    }
                });
            }

            @Override
            public Optional<LockHolder> holder(String name) {
                return store.holder(name);
            }
        };
        ScriptedTarget target = new ScriptedTarget(attempt -> {
            await().atMost(Duration.ofSeconds(10)).until(attempt::isCancelled);
            return AttemptResult.failed(null, "stopped", Map.of());
        });
        JobSpec spec = Jobs.spec("slow", "0 0 3 * * ?", target, RetryPolicy.once(), Duration.ofMillis(300));
        JobRunner runner = new JobRunner(
                new MeteredLockProvider(unrenewable, metrics.registry()),
                new InMemoryFireClaims(Clock.systemUTC()),
                new InMemoryJobHistory(10),
                new JobAlertMessages(new RecordingNotifier()),
                Clock.systemUTC(),
                timer,
                RunGate.standard());

        RunRecord run = runner.fire(spec, FireIdentity.scheduled("slow", Instant.now()), "scheduled");

        assertThat(run.result()).isEqualTo(RunRecord.Result.LEASE_LOST);
        assertThat(sum("cutover_lock_renewals_total", Map.of("lock", spec.lockName(), "result", "lost")))
                .isEqualTo(1);
        assertThat(sum("cutover_lock_renewals_total", Map.of("lock", spec.lockName(), "result", "unavailable")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCompareAndSetAnotherWriterWonIsARefusal() {
        MeteredApprovalStore store = new MeteredApprovalStore(new InMemoryApprovalStore(), metrics.registry(), clock);
        ApprovalRequest pending = Requests.pending("r1", "blue-green");
        assertThat(store.createIfIdle(pending)).isEmpty();
        ApprovalRequest mine = pending.withState(ApprovalState.CANCELLED);
        ApprovalRequest theirs = pending.withState(ApprovalState.EXPIRED);

        assertThat(store.compareAndSet(theirs)).isTrue();
        assertThat(store.compareAndSet(mine)).isFalse();

        assertThat(sum("cutover_cas_refusals_total", Map.of("store", "requests")))
                .isEqualTo(1);
    }
}
