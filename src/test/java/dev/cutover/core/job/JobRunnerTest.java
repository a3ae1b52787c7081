package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private static final Instant SLOT = Instant.parse("2026-03-02T10:00:00Z");
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RecordingNotifier notifier = new RecordingNotifier() {
        @Override
        public dev.cutover.core.chat.MessageRef post(String channel, dev.cutover.core.chat.Message message) {
            events.add("notice");
            return super.post(channel, message);
        }
    };
    private final InMemoryJobHistory history = new InMemoryJobHistory(50);
    private final InMemoryLockProvider locks = new InMemoryLockProvider(clock);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private JobRunner runner(LockProvider lockProvider) {
        RunGate gate = new RunGate((d, abort) -> pauses.add(d), () -> 0.0);
        return new JobRunner(
                lockProvider,
                new InMemoryFireClaims(clock),
                history,
                new JobAlertMessages(notifier),
                clock,
                timer,
                gate);
    }

    private static FireIdentity fire(String job) {
        return FireIdentity.scheduled(job, SLOT);
    }

    /** A run's lines name the job, the fire and the fencing token; the thread keeps none of it after. */
    @Test
    void aRunsLogLinesNameTheJobTheFireAndTheFencingToken() {
        Map<String, String> during = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong token = new java.util.concurrent.atomic.AtomicLong();
        JobTarget target = new JobTarget() {
            @Override
            public AttemptResult run(Attempt a) {
                during.putAll(org.slf4j.MDC.getCopyOfContextMap());
                token.set(a.fencingToken());
                return AttemptResult.succeeded(0, "ok", Map.of());
            }

            @Override
            public String describe() {
                return "logging";
            }
        };
        try (dev.cutover.logging.FormattedLogCapture log = dev.cutover.logging.FormattedLogCapture.json()) {
            runner(locks).fire(Jobs.spec("logged", "0 0 10 * * ?", target), fire("logged"), "scheduled");

            assertThat(during)
                    .containsEntry("job", "logged")
                    .containsEntry("fireId", "logged-20260302T100000Z")
                    .containsEntry("fencingToken", String.valueOf(token.get()));
            assertThat(log.jsonLines())
                    .filteredOn(l -> l.path("formattedMessage").asText().startsWith("job logged fire "))
                    .singleElement()
                    .satisfies(l -> {
                        assertThat(l.path("mdc").path("job").asText()).isEqualTo("logged");
                        assertThat(l.path("mdc").path("fireId").asText()).isEqualTo("logged-20260302T100000Z");
                        assertThat(l.path("mdc").path("fencingToken").asText()).isEqualTo(String.valueOf(token.get()));
                    });
        }
        assertThat(org.slf4j.MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aPausedFireIsRecordedOncePerSlotAndNeverRun() {
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobSpec spec = Jobs.spec("paused", "0 0 10 * * ?", target);
        JobRunner runner = runner(locks);

        Optional<RunRecord> first = runner.paused(spec, fire("paused"), "scheduled");
        Optional<RunRecord> again = runner.paused(spec, fire("paused"), "catch-up"); // a second delivery

        assertThat(first).hasValueSatisfying(r -> {
            assertThat(r.result()).isEqualTo(Result.SKIPPED_PAUSED);
            assertThat(r.detail()).contains("paused");
        });
        assertThat(again).isEmpty();
        assertThat(history.recent("paused", 10)).containsExactly(first.get());
        // Resumed, a late delivery of the paused slot is not run either.
        assertThat(runner.fire(spec, fire("paused"), "scheduled").result()).isEqualTo(Result.SKIPPED_DUPLICATE);
        assertThat(history.recent("paused", 10)).containsExactly(first.get());
        assertThat(target.attempts).isEmpty();
        assertThat(notifier.posts).isEmpty();
    }

    @Test
    void aSuccessfulRunCarriesTheFireIdentityAndAFencingToken() {
        ScriptedTarget target = ScriptedTarget.succeeding();
        RunRecord r = runner(locks).fire(Jobs.spec("ok", "0 0 10 * * ?", target), fire("ok"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(r.fireId()).isEqualTo("ok-20260302T100000Z");
        assertThat(target.attempts).singleElement().satisfies(a -> {
            assertThat(a.fire().key()).isEqualTo("ok-20260302T100000Z");
            assertThat(a.fencingToken()).isPositive();
        });
        assertThat(history.recent("ok", 10)).containsExactly(r);
        assertThat(notifier.posts).isEmpty();
    }

    @Test
    void retriesWithCappedExponentialBackoffThenSucceedsWithoutANotice() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedTarget target = new ScriptedTarget(a -> calls.incrementAndGet() < 4
                ? AttemptResult.failed(1, "exit code 1", null)
                : AttemptResult.succeeded(0, "exit code 0", null));
        RetryPolicy retry = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofSeconds(25), 2.0, 0.2);
        RunRecord r = runner(locks)
                .fire(
                        Jobs.spec("flaky", "0 0 10 * * ?", target, retry, Duration.ofSeconds(5)),
                        fire("flaky"),
                        "scheduled");
        assertThat(r.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25));
        assertThat(target.attempts).extracting(Attempt::number).containsExactly(1, 2, 3, 4);
        assertThat(notifier.posts).isEmpty();
    }

    @Test
    void jitterTakesAtMostItsFractionOffTheWait() {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMinutes(5), 2.0, 0.2);
        assertThat(retry.delayAfter(2, 0.999)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(20));
        assertThat(retry.delayAfter(9, 0.0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aFailurePostsOneNoticeOnlyAfterTheLastAttempt() {
        ScriptedTarget target = new ScriptedTarget(a -> {
            events.add("attempt " + a.number());
            return AttemptResult.failed(3, "exit code 3", Map.of("taskArn", "arn:aws:ecs:task/abc"));
        });
        RetryPolicy retry = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0);
        RunRecord r = runner(locks)
                .fire(Jobs.spec("bad", "0 0 10 * * ?", target, retry, Duration.ofSeconds(5)), fire("bad"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(events).containsExactly("attempt 1", "attempt 2", "attempt 3", "attempt 4", "notice");
        assertThat(notifier.posts).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("C0JOBS");
            assertThat(p.message().text()).contains("bad", "exit code 3");
            assertThat(p.message().blocks().toString()).contains("arn:aws:ecs:task/abc", "4");
        });
    }

    @Test
    void theSameFireTriggeredTwiceAtOnceRunsOnceAndIsADuplicateNotALockSkip() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedTarget target = new ScriptedTarget(a -> {
            running.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> finish.getCount() == 0);
            return AttemptResult.succeeded(0, "ok", null);
        });
        JobSpec spec = Jobs.spec("twice", "0 0 10 * * ?", target);
        JobRunner runner = runner(locks);
        CompletableFuture<RunRecord> first =
                CompletableFuture.supplyAsync(() -> runner.fire(spec, fire("twice"), "catch-up"));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        // Issue 11: the on-time delivery of the slot being caught up is a duplicate, not "locked".
        RunRecord second = runner.fire(spec, fire("twice"), "scheduled");
        RunRecord otherSlot = runner.fire(spec, FireIdentity.scheduled("twice", SLOT.plusSeconds(86400)), "scheduled");
        finish.countDown();
        assertThat(second.result()).isEqualTo(Result.SKIPPED_DUPLICATE);
        assertThat(otherSlot.result()).as("another slot finding the lock held").isEqualTo(Result.SKIPPED_LOCKED);
        assertThat(first.get(5, TimeUnit.SECONDS).result()).isEqualTo(Result.SUCCEEDED);
        assertThat(target.attempts).hasSize(1);
        // Issue 11: duplicate deliveries of one slot are recorded once, by the run.
        assertThat(history.recent("twice", 10))
                .extracting(RunRecord::result)
                .containsExactlyInAnyOrder(Result.SUCCEEDED, Result.SKIPPED_LOCKED);
        assertThat(notifier.posts).as("an ordinary skip is only recorded").isEmpty();
    }

    @Test
    void theSameFireDeliveredAgainAfterItsRunFinishedDoesNotRunAgain() {
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobSpec spec = Jobs.spec("again", "0 0 10 * * ?", target);
        JobRunner runner = runner(locks);
        assertThat(runner.fire(spec, fire("again"), "scheduled").result()).isEqualTo(Result.SUCCEEDED);
        RunRecord second = runner.fire(spec, fire("again"), "scheduled");
        assertThat(second.result()).isEqualTo(Result.SKIPPED_DUPLICATE);
        assertThat(target.attempts).hasSize(1);
        assertThat(history.recent("again", 10)).extracting(RunRecord::result).containsExactly(Result.SUCCEEDED);
    }

    @Test
    void anUnreachableLockStoreSkipsTheRunAndReportsIt() {
        LockProvider down = spec -> {
            throw new LockUnavailableException("connection refused", null);
        };
        ScriptedTarget target = ScriptedTarget.succeeding();
        RunRecord r = runner(down).fire(Jobs.spec("closed", "0 0 10 * * ?", target), fire("closed"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.SKIPPED_LOCK_UNAVAILABLE);
        assertThat(target.attempts).isEmpty();
        assertThat(notifier.texts()).singleElement().asString().contains("closed", "unreachable");
    }

    @Test
    void aRunLongerThanItsLeaseKeepsItsLockByRenewing() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedTarget target = new ScriptedTarget(a -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> finish.getCount() == 0);
            return AttemptResult.succeeded(0, "ok", null);
        });
        JobSpec spec = Jobs.spec("long", "0 0 10 * * ?", target, RetryPolicy.once(), Duration.ofMillis(300));
        JobRunner runner = runner(locks);
        CompletableFuture<RunRecord> run =
                CompletableFuture.supplyAsync(() -> runner.fire(spec, fire("long"), "scheduled"));
        await().until(() -> target.attempts.size() == 1);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> locks.tryAcquire(
                        new dev.cutover.core.lock.LockSpec(spec.lockName(), Duration.ofMillis(300)))
                .isEmpty());
        finish.countDown();
        assertThat(run.get(5, TimeUnit.SECONDS).result()).isEqualTo(Result.SUCCEEDED);
        assertThat(locks.tryAcquire(new dev.cutover.core.lock.LockSpec(spec.lockName(), Duration.ofMillis(300))))
                .as("released at the end")
                .isPresent();
    }

    @Test
    void aHolderWhoseRenewalFailsStopsBeforeTouchingTheTargetAgainAndSaysSo() {
        LockProvider losing = spec -> Optional.of(new Lease() {
            public String name() {
                return spec.name();
            }

            public long fencingToken() {
                return 7;
            }

            public Duration lease() {
                return Duration.ofMillis(60);
            }

            public boolean renew() {
                return false;
            }

            public void release() {}
        });
        ScriptedTarget target = new ScriptedTarget(a -> {
            await().atMost(Duration.ofSeconds(3)).until(a::isCancelled);
            return AttemptResult.failed(null, "cancelled", null);
        });
        RetryPolicy retry = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.0, 0.0);
        RunRecord r = runner(losing)
                .fire(
                        Jobs.spec("lost", "0 0 10 * * ?", target, retry, Duration.ofMillis(60)),
                        fire("lost"),
                        "scheduled");
        assertThat(r.result()).isEqualTo(Result.LEASE_LOST);
        assertThat(target.attempts).hasSize(1);
        assertThat(target.attempts.get(0).fencingToken()).isEqualTo(7);
        assertThat(notifier.texts()).singleElement().asString().contains("lease lost");
    }

    @Test
    void withoutALockAnUnreachableStoreDoesNotStopTheRun() {
        LockProvider down = spec -> {
            throw new LockUnavailableException("down", null);
        };
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobSpec locked = Jobs.spec("free", "0 0 10 * * ?", target);
        JobSpec spec = new JobSpec(
                locked.name(),
                locked.schedule(),
                locked.zone(),
                target,
                locked.timeout(),
                locked.retry(),
                false,
                locked.lease(),
                true,
                true,
                "C0JOBS",
                List.of(),
                locked.missedRunGrace(),
                false);
        RunRecord r = runner(down).fire(spec, fire("free"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(target.attempts.get(0).fencingToken()).isZero();
    }

    @Test
    void aRunStoppedByShutdownIsNamedShutdownNotATimeout() {
        RunGate gate = new RunGate((d, abort) -> {}, () -> 0.0);
        JobRunner runner = new JobRunner(
                locks, new InMemoryFireClaims(clock), history, new JobAlertMessages(notifier), clock, timer, gate);
        ScriptedTarget target = new ScriptedTarget(a -> {
            gate.abort();
            await().atMost(Duration.ofSeconds(3)).until(a::isCancelled);
            return AttemptResult.timedOut("cancelled", null);
        });
        RunRecord r = runner.fire(Jobs.spec("down", "0 0 10 * * ?", target), fire("down"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.SHUTDOWN);
        assertThat(r.detail()).startsWith("shut down during attempt 1");
        assertThat(notifier.texts())
                .singleElement()
                .asString()
                .contains("shutdown")
                .doesNotContain("timed out");
    }

    /**
     * /cron stop on another replica: the run holding the lock sees the request, its target is
     * stopped, no retry is made, and it is recorded as stopped; the request names the run by its
     * fencing token, so it can never stop the next run.
     */
    @Test
    void aStopRequestedFromAnotherReplicaStopsTheRunHoldingTheLockAndNeverALaterOne() {
        InMemoryFireClaims claims = new InMemoryFireClaims(clock);
        JobRunner here = new JobRunner(
                locks,
                claims,
                history,
                new JobAlertMessages(notifier),
                clock,
                timer,
                new RunGate((d, a) -> {}, () -> 0.0));
        JobRunner there = new JobRunner(
                locks,
                claims,
                history,
                new JobAlertMessages(notifier),
                clock,
                timer,
                new RunGate((d, a) -> {}, () -> 0.0));
        java.util.concurrent.atomic.AtomicReference<JobSpec> spec = new java.util.concurrent.atomic.AtomicReference<>();
        List<JobRunner.StopRequest> requests = new CopyOnWriteArrayList<>();
        ScriptedTarget target = new ScriptedTarget(a -> {
            if (a.number() > 1 || !requests.isEmpty()) {
                return AttemptResult.succeeded(0, "ok", null);
            }
            requests.add(there.requestStop(spec.get()));
            await().atMost(Duration.ofSeconds(5)).until(a::isCancelled);
            return AttemptResult.failed(null, "cancelled; process group killed", null);
        });
        spec.set(Jobs.spec(
                "long",
                "0 0 10 * * ?",
                target,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), 1.0, 0.0),
                Duration.ofSeconds(5)));

        RunRecord r = here.fire(spec.get(), fire("long"), "scheduled");

        assertThat(requests).singleElement().isInstanceOf(JobRunner.StopRequest.Requested.class);
        assertThat(r.result()).isEqualTo(Result.STOPPED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(target.attempts).hasSize(1);
        assertThat(r.detail()).startsWith("stopped (/cron stop) during attempt 1, target stopped");
        assertThat(locks.holder(spec.get().lockName())).isEmpty();
        assertThat(there.requestStop(spec.get())).isInstanceOf(JobRunner.StopRequest.NotRunning.class);

        // The next run takes a new fencing token: the old request does not touch it.
        RunRecord next = here.fire(spec.get(), FireIdentity.manual("long", SLOT.plusSeconds(60)), "manual:U1");
        assertThat(next.result()).isEqualTo(Result.SUCCEEDED);
    }

    /** A claim store that cannot be read while a run is under way does not stop it: no request is read as none. */
    @Test
    void aStopSignalThatCannotBeReadLetsTheRunFinish() {
        InMemoryFireClaims claims = new InMemoryFireClaims(clock);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger failedReads = new java.util.concurrent.atomic.AtomicInteger();
        FireClaims flaky = new FireClaims() {
            @Override
            public boolean claim(String key, Duration ttl) {
                return claims.claim(key, ttl);
            }

            @Override
            public boolean isClaimed(String key) {
                if (down.get() && key.startsWith("stop:")) {
                    failedReads.incrementAndGet();
                    throw new dev.cutover.core.lock.LockUnavailableException("Redis is unreachable", null);
                }
                return claims.isClaimed(key);
            }
        };
        JobRunner runner = new JobRunner(
                locks,
                flaky,
                history,
                new JobAlertMessages(notifier),
                clock,
                timer,
                new RunGate((d, a) -> {}, () -> 0.0));
        ScriptedTarget target = new ScriptedTarget(a -> {
            down.set(true);
            // A target at work checks for cancellation, as real ones do; each check may ask for a
            // stop request (at most once per STOP_CHECK), which cannot be read: twice.
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.isCancelled() && failedReads.get() >= 2);
            return a.isCancelled()
                    ? AttemptResult.failed(null, "cancelled", null)
                    : AttemptResult.succeeded(0, "ok", null);
        });

        RunRecord r = runner.fire(Jobs.spec("steady", "0 0 10 * * ?", target), fire("steady"), "scheduled");

        assertThat(r.result()).isEqualTo(Result.SUCCEEDED);
    }

    /** The lock is released only once the target's stop returned: never while it may still run. */
    @Test
    void aRunStoppedByShutdownStillHoldsItsLockWhileTheTargetStopsAndReleasesItAfter() {
        RunGate gate = new RunGate((d, abort) -> {}, () -> 0.0);
        JobRunner runner = new JobRunner(
                locks, new InMemoryFireClaims(clock), history, new JobAlertMessages(notifier), clock, timer, gate);
        List<Boolean> heldAtStop = new CopyOnWriteArrayList<>();
        JobSpec spec = Jobs.spec("ordered", "0 0 10 * * ?", new ScriptedTarget(a -> {
            gate.abort();
            await().atMost(Duration.ofSeconds(3)).until(a::isCancelled);
            // What StopTask / StopExecution / the group kill would do now: the lock must still be ours.
            heldAtStop.add(locks.holder("job:ordered").isPresent());
            return AttemptResult.failed(null, "cancelled; StopTask sent", null);
        }));

        RunRecord r = runner.fire(spec, fire("ordered"), "scheduled");

        assertThat(r.result()).isEqualTo(Result.SHUTDOWN);
        assertThat(heldAtStop).containsExactly(true);
        assertThat(locks.holder(spec.lockName())).isEmpty();
    }

    /** A stop that failed leaves the lock to its TTL, with one line saying so. */
    @Test
    void aRunWhoseTargetMayStillRunLeavesItsLockToLapseAndSaysSoInOneLine() {
        RunGate gate = new RunGate((d, abort) -> {}, () -> 0.0);
        JobRunner runner = new JobRunner(
                locks, new InMemoryFireClaims(clock), history, new JobAlertMessages(notifier), clock, timer, gate);
        JobSpec spec = Jobs.spec("unstoppable", "0 0 10 * * ?", new ScriptedTarget(a -> {
            gate.abort();
            await().atMost(Duration.ofSeconds(3)).until(a::isCancelled);
            return AttemptResult.failed(null, "cancelled; StopTask failed: throttled", null)
                    .unstopped();
        }));

        try (dev.cutover.logging.FormattedLogCapture log = dev.cutover.logging.FormattedLogCapture.json()) {
            RunRecord r = runner.fire(spec, fire("unstoppable"), "scheduled");

            assertThat(r.result()).isEqualTo(Result.SHUTDOWN);
            assertThat(log.jsonLines())
                    .map(l -> l.path("formattedMessage").asText())
                    .filteredOn(m -> m.contains("left to lapse"))
                    .singleElement()
                    .asString()
                    .contains(spec.lockName(), "not confirmed");
        }
        assertThat(locks.holder(spec.lockName())).isPresent();
    }

    /**
     * A run still stopping when the shutdown grace is spent: its lock is left to lapse (one line),
     * and not released even when the run ends afterwards.
     */
    @Test
    void aRunStillStoppingWhenTheGraceEndsLeavesItsLockToLapse() throws Exception {
        RunGate gate = new RunGate((d, abort) -> {}, () -> 0.0);
        JobRunner runner = new JobRunner(
                locks, new InMemoryFireClaims(clock), history, new JobAlertMessages(notifier), clock, timer, gate);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stopReturns = new CountDownLatch(1);
        JobSpec spec = Jobs.spec("slow-stop", "0 0 10 * * ?", new ScriptedTarget(a -> {
            stopping.countDown();
            await().atMost(Duration.ofSeconds(5)).until(a::isCancelled);
            try {
                stopReturns.await(5, TimeUnit.SECONDS); // a StopTask that takes longer than the grace
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AttemptResult.failed(null, "cancelled; StopTask sent", null);
        }));
        CompletableFuture<RunRecord> run =
                CompletableFuture.supplyAsync(() -> runner.fire(spec, fire("slow-stop"), "scheduled"));
        assertThat(stopping.await(5, TimeUnit.SECONDS)).isTrue();
        gate.abort();

        try (dev.cutover.logging.FormattedLogCapture log = dev.cutover.logging.FormattedLogCapture.json()) {
            assertThat(gate.awaitIdle(Duration.ofMillis(200))).isFalse();
            assertThat(gate.holdRemaining()).isEqualTo(1);
            assertThat(log.jsonLines())
                    .map(l -> l.path("formattedMessage").asText())
                    .filteredOn(m -> m.contains("left to lapse"))
                    .singleElement()
                    .asString()
                    .contains(spec.lockName(), "did not stop within the shutdown grace");
        }
        stopReturns.countDown();
        assertThat(run.get(5, TimeUnit.SECONDS).result()).isEqualTo(Result.SHUTDOWN);
        assertThat(locks.holder(spec.lockName())).isPresent();
    }

    /** A timeout whose stop failed is handled the same way. */
    @Test
    void aTimedOutRunWhoseStopFailedLeavesItsLockToLapse() {
        ScriptedTarget target = new ScriptedTarget(a ->
                AttemptResult.timedOut("timed out; StopExecution failed", null).unstopped());
        JobSpec spec = Jobs.spec("stuck", "0 0 10 * * ?", target);
        RunRecord r = runner(locks).fire(spec, fire("stuck"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(locks.holder(spec.lockName())).isPresent();
    }

    @Test
    void aRunDetachedByShutdownKeepsItsFireClaimedAndLeavesItsLockToLapse() {
        RunGate gate = new RunGate((d, abort) -> {}, () -> 0.0);
        InMemoryFireClaims claims = new InMemoryFireClaims(clock);
        JobRunner runner = new JobRunner(locks, claims, history, new JobAlertMessages(notifier), clock, timer, gate);
        ScriptedTarget target = new ScriptedTarget(a -> {
            gate.abort();
            await().atMost(Duration.ofSeconds(3)).until(a::isCancelled);
            return a.isDetaching()
                    ? AttemptResult.detached(
                            "task arn:aws:ecs:task/prod/1 left running", Map.of("taskArn", "arn:aws:ecs:task/prod/1"))
                    : AttemptResult.failed(null, "stopped", null);
        });
        JobSpec detach = Jobs.detaching("remote", "0 0 10 * * ?", target, Duration.ofSeconds(30));

        RunRecord r = runner.fire(detach, fire("remote"), "scheduled");

        assertThat(r.result()).isEqualTo(Result.DETACHED);
        assertThat(r.detail()).contains("detached by shutdown", "left running", "the lock lapses within 30 s");
        assertThat(r.refs()).containsEntry("taskArn", "arn:aws:ecs:task/prod/1");
        assertThat(history.recent("remote", 5)).extracting(RunRecord::result).containsExactly(Result.DETACHED);
        assertThat(claims.isClaimed("fire:" + fire("remote").key())).isTrue();
        // The lock is still held (until its lease lapses): the next slot cannot start beside the task.
        assertThat(locks.tryAcquire(new LockSpec(detach.lockName(), Duration.ofSeconds(30))))
                .isEmpty();
        assertThat(notifier.texts()).isEmpty();
    }

    @Test
    void anAttemptOfAJobThatStopsOnShutdownIsNeverDetaching() {
        ScriptedTarget target = new ScriptedTarget(a -> a.isDetaching()
                ? AttemptResult.detached("left running", null)
                : AttemptResult.succeeded(0, "done", null));
        JobSpec base = Jobs.spec("remote2", "0 0 10 * * ?", target);
        RunRecord r = runner(locks).fire(base, fire("remote2"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(target.attempts.get(0).isDetaching()).isFalse();
    }

    @Test
    void aRealTimeoutStaysATimeout() {
        ScriptedTarget target = new ScriptedTarget(a -> AttemptResult.timedOut("timed out after 5000 ms", null));
        RunRecord r = runner(locks).fire(Jobs.spec("slow", "0 0 10 * * ?", target), fire("slow"), "scheduled");
        assertThat(r.result()).isEqualTo(Result.TIMED_OUT);
    }
}
