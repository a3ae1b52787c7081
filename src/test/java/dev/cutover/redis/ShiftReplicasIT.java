package dev.cutover.redis;

import static dev.cutover.core.traffic.ShiftFixture.BAKE;
import static dev.cutover.core.traffic.ShiftFixture.PAIR;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.Requests;
import dev.cutover.core.traffic.HeldStepWrite;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftFixture;
import dev.cutover.core.traffic.ShiftHealth;
import dev.cutover.core.traffic.ShiftOutcome;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.TrafficWeights;
import dev.cutover.core.traffic.Weights;
import dev.cutover.memory.InMemoryTrafficWeights;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Shifts in the real Redis: two replicas share one store, and a restarted replica picks up the stored deadline. */
class ShiftReplicasIT {
    private final String prefix = TestRedis.newPrefix();
    private final RedisClient redis = TestRedis.client();
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryTrafficWeights backend = ShiftFixture.allBlue();
    private final AtomicInteger writeAttempts = new AtomicInteger();

    /** The backend, counting every write any replica attempts. */
    private final TrafficWeights counted = new TrafficWeights() {
        @Override
        public Weights read() {
            return backend.read();
        }

        @Override
        public void set(Weights expected, Weights next, String comment) {
            writeAttempts.incrementAndGet();
            backend.set(expected, next, comment);
        }

        @Override
        public int maxWeight() {
            return backend.maxWeight();
        }
    };

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteAll(prefix);
    }

    /** One replica: its own store objects over the shared Redis keys. */
    ShiftFixture replica() {
        return replica(counted);
    }

    /** A replica over the shared Redis that writes weights through {@code weights}. */
    ShiftFixture replica(TrafficWeights weights) {
        return new ShiftFixture(
                new RedisShiftStore(redis, prefix),
                new RedisApprovalStore(redis, prefix),
                weights,
                clock,
                ShiftPlan.OnAlarm.REVERT);
    }

    @Test
    void eachStepIsAppliedOnceWhileTwoReplicasSweepAtTheSameTime() throws Exception {
        ShiftFixture a = replica();
        ShiftFixture b = replica();
        Shift s = a.started();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int step = 1; step <= 3; step++) {
                clock.advance(BAKE);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> sweeps = List.of(
                        pool.submit(() -> {
                            go.await();
                            return a.runner.sweep() + a.runner.sweep();
                        }),
                        pool.submit(() -> {
                            go.await();
                            return b.runner.sweep() + b.runner.sweep();
                        }));
                go.countDown();
                for (Future<Integer> f : sweeps) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Shift done = new RedisShiftStore(redis, prefix).get(s.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(ShiftState.DONE);
        assertThat(backend.read()).isEqualTo(new Weights(0, 100));
        assertThat(writeAttempts).hasValue(3);
        long applied = java.util.stream.Stream.concat(a.actions().stream(), b.actions().stream())
                .filter("shift-step-applied"::equals)
                .count();
        assertThat(applied).isEqualTo(3);
        assertThat(redis.exists(prefix + "{approval}:pair:" + PAIR + ":open")).isFalse();
        assertThat(redis.smembers(prefix + "{approval}:shifts:open")).isEmpty();
    }

    @Test
    void anAbortOnOneReplicaDuringAnotherReplicasStepWriteEndsAllBlueAfterThatWrite() throws Exception {
        HeldStepWrite slow = new HeldStepWrite(backend);
        ShiftFixture a = replica(slow);
        ShiftFixture b = replica();
        Shift s = ((ShiftOutcome.Changed) a.service.request(PAIR, null, ShiftFixture.REQUESTER, ShiftFixture.CHANNEL))
                .shift();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ShiftOutcome> approving = pool.submit(() -> a.service.approve(s.id(), ShiftFixture.APPROVER));
            assertThat(slow.awaitHeld()).isTrue();

            assertThat(b.service.abort(s.id(), ShiftFixture.REQUESTER)).isInstanceOf(ShiftOutcome.Changed.class);
            assertThat(backend.read()).isEqualTo(new Weights(100, 0));

            slow.release();
            approving.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(new RedisShiftStore(redis, prefix).get(s.id()).orElseThrow().state())
                .isEqualTo(ShiftState.ABORTED);
        assertThat(backend.read()).isEqualTo(new Weights(100, 0));
        assertThat(redis.exists(prefix + "{approval}:pair:" + PAIR + ":open")).isFalse();
    }

    @Test
    void aPromoteIsNotLostWhenAnotherReplicasSweepChangesTheShiftBetweenItsStoreAndItsMove() {
        ShiftFixture a = replica();
        ShiftFixture b = replica();
        ShiftHealth.Reading unconfirmed =
                ShiftHealth.Reading.unconfirmed("5XX 0.0% of 0", "green received no requests during the bake");
        a.health = unconfirmed;
        b.health = unconfirmed;
        Shift s = a.started();
        clock.advance(Duration.ofMinutes(1));
        // Replica b's sweep runs right after a stored the promotion and before a reads the health
        // to move the shift: the interleaving seen under contention, made deterministic.
        AtomicInteger reads = new AtomicInteger();
        a.source = (pair, since) -> {
            if (reads.getAndIncrement() == 0) {
                b.runner.sweep();
            }
            return unconfirmed;
        };

        ShiftOutcome out = a.service.promote(s.id(), ShiftFixture.APPROVER);

        Shift now = new RedisShiftStore(redis, prefix).get(s.id()).orElseThrow();
        assertThat(now.step()).isEqualTo(1);
        assertThat(now.state()).isEqualTo(ShiftState.BAKING);
        assertThat(now.promoted()).isFalse();
        assertThat(backend.read()).isEqualTo(new Weights(50, 50));
        assertThat(b.actions()).contains("shift-step-applied").doesNotContain("shift-held");
        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> assertThat(
                        c.shift().step())
                .isEqualTo(1));
    }

    @Test
    void aRestartedReplicaResumesTheBakeAtItsStoredDeadline() {
        Shift s = replica().started();
        clock.advance(Duration.ofMinutes(2));

        ShiftFixture restarted = replica();
        clock.set(T0.plus(BAKE).minusMillis(1));
        restarted.runner.sweep();
        assertThat(new RedisShiftStore(redis, prefix).get(s.id()).orElseThrow().step())
                .isZero();
        assertThat(backend.read()).isEqualTo(new Weights(90, 10));

        clock.set(T0.plus(BAKE));
        restarted.runner.sweep();

        Shift now = new RedisShiftStore(redis, prefix).get(s.id()).orElseThrow();
        assertThat(now.step()).isEqualTo(1);
        assertThat(now.deadline()).isEqualTo(T0.plus(BAKE).plus(BAKE));
        assertThat(backend.read()).isEqualTo(new Weights(50, 50));
    }

    @Test
    void aShiftHoldsThePairAgainstSwapRequestsInTheSameKey() {
        Shift s = replica().started();
        RedisApprovalStore approvals = new RedisApprovalStore(redis, prefix);

        assertThat(approvals.createIfIdle(Requests.pending("r1", PAIR))).contains(s.id());
        assertThat(redis.get(prefix + "{approval}:pair:" + PAIR + ":open")).isEqualTo(s.id());
        assertThat(redis.get(prefix + "{approval}:pair:" + PAIR + ":shift")).isEqualTo(s.id());
        assertThat(redis.smembers(prefix + "{approval}:shifts:open")).containsExactly(s.id());
        assertThat(redis.hget(prefix + "{approval}:shift:" + s.id(), "version")).isEqualTo(Long.toString(s.version()));
    }

    @Test
    void aWriteLeftUnfinishedByADeadReplicaIsTakenOverAfterItsClaimAges() {
        ShiftFixture a = replica();
        Shift s = a.started();
        clock.advance(BAKE);
        RedisShiftStore store = new RedisShiftStore(redis, prefix);
        // The replica claimed step 2 and died before writing.
        Shift live = store.get(s.id()).orElseThrow();
        store.compareAndSet(live.writing(ShiftState.APPLYING, new Weights(50, 50), clock.instant(), null));

        ShiftFixture b = replica();
        assertThat(b.runner.sweep()).isZero();
        clock.advance(Duration.ofSeconds(30));
        b.runner.sweep();

        assertThat(store.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.BAKING);
        assertThat(backend.read()).isEqualTo(new Weights(50, 50));
        assertThat(writeAttempts).hasValue(2);
    }

    @Test
    void anAbortAfterAHaltTakesThePairAgainAndATakeoverComparesAgainstWhatTheShiftLastWrote() {
        ShiftFixture a = new ShiftFixture(
                new RedisShiftStore(redis, prefix),
                new RedisApprovalStore(redis, prefix),
                counted,
                clock,
                ShiftPlan.OnAlarm.HALT);
        Shift s = a.started();
        a.health = new dev.cutover.core.traffic.ShiftHealth.Reading("p95 2.10 s", List.of("p95 is above 1.00 s"));
        a.runner.sweep();
        RedisShiftStore store = new RedisShiftStore(redis, prefix);
        Shift halted = store.get(s.id()).orElseThrow();
        assertThat(halted.state()).isEqualTo(ShiftState.HALTED);
        assertThat(redis.exists(prefix + "{approval}:pair:" + PAIR + ":open")).isFalse();
        RedisApprovalStore approvals = new RedisApprovalStore(redis, prefix);

        // A replica reopened it to abort and died before writing; meanwhile someone moved the weights.
        Shift claimed = halted.abortingEnded(clock.instant());
        assertThat(store.reopenIfIdle(claimed)).isEmpty();
        assertThat(redis.get(prefix + "{approval}:pair:" + PAIR + ":open")).isEqualTo(s.id());
        assertThat(approvals.createIfIdle(Requests.pending("r1", PAIR))).contains(s.id());
        assertThat(store.openIds()).containsExactly(s.id());
        backend.put(new Weights(60, 40));
        clock.advance(Duration.ofSeconds(30));

        replica().runner.sweep();

        Shift after = store.get(s.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ShiftState.STOPPED);
        assertThat(after.reason()).contains("expected blue 90 / green 10, now blue 60 / green 40");
        assertThat(backend.read()).isEqualTo(new Weights(60, 40));
        assertThat(redis.exists(prefix + "{approval}:pair:" + PAIR + ":open")).isFalse();
        assertThat(store.reopenIfIdle(after.abortingEnded(clock.instant()).atVersion(after.version())))
                .contains(s.id());
    }

    @Test
    void anotherReplicaGoesOnWaitingForTheStoredRoute53ChangeAndStartsTheBakeAtInsync() {
        Duration pending = Duration.ofSeconds(70);
        dev.cutover.memory.InMemoryDnsRecords dns = new dev.cutover.memory.InMemoryDnsRecords(clock, pending);
        String zone = "Z0000000000000000001";
        for (String side : List.of("blue", "green")) {
            dns.put(
                    zone,
                    new dev.cutover.core.dns.RecordSet(
                            "api.example.com.",
                            "A",
                            60L,
                            List.of(side.equals("blue") ? "192.0.2.1" : "192.0.2.2"),
                            null,
                            side,
                            side.equals("blue") ? 100L : 0L,
                            null,
                            null));
        }
        dev.cutover.core.traffic.DnsWeightedTraffic route53 =
                new dev.cutover.core.traffic.DnsWeightedTraffic(dns, zone, "api.example.com", "blue", "green");
        ShiftFixture a = replica(route53);
        Shift s = a.started();
        RedisShiftStore store = new RedisShiftStore(redis, prefix);
        assertThat(store.get(s.id()).orElseThrow().change())
                .isEqualTo(s.change())
                .isNotNull();

        // Replica a stops; b is a fresh replica over the same Redis.
        ShiftFixture b = replica(route53);
        clock.advance(Duration.ofSeconds(30));
        b.runner.sweep();
        assertThat(store.get(s.id()).orElseThrow().deadline()).isNull();
        clock.advance(Duration.ofSeconds(40));
        b.runner.sweep();

        Shift baking = store.get(s.id()).orElseThrow();
        assertThat(baking.change()).isNull();
        assertThat(baking.stepStartedAt()).isEqualTo(T0.plus(pending));
        assertThat(baking.deadline()).isEqualTo(T0.plus(pending).plus(BAKE));
        assertThat(b.actions()).contains("shift-step-insync");
    }

    @Test
    void aStoppingReplicaHandsBackItsWriteClaimAndAnotherReplicaTakesItOverWithoutWaiting() throws Exception {
        HeldStepWrite slow = new HeldStepWrite(counted);
        ShiftFixture a = replica(slow);
        ShiftFixture b = replica();
        Shift s = ((ShiftOutcome.Changed) a.service.request(PAIR, null, ShiftFixture.REQUESTER, ShiftFixture.CHANNEL))
                .shift();
        RedisShiftStore store = new RedisShiftStore(redis, prefix);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ShiftOutcome> approving = pool.submit(() -> a.service.approve(s.id(), ShiftFixture.APPROVER));
            assertThat(slow.awaitHeld()).isTrue();
            assertThat(b.runner.sweep()).isZero();

            // Replica a stops while its step write hangs in its call.
            try (dev.cutover.core.audit.LogCapture logs =
                    new dev.cutover.core.audit.LogCapture(dev.cutover.core.traffic.ShiftRunner.class.getName())) {
                assertThat(a.runner.handBackAll()).isEqualTo(1);
                assertThat(logs.events())
                        .extracting(e -> e.getFormattedMessage())
                        .containsExactly("handed back the shift " + s.id() + " of " + PAIR
                                + " (applying to blue 90 / green 10): another replica or the next start takes its"
                                + " write over");
            }

            Shift back = store.get(s.id()).orElseThrow();
            assertThat(back.state()).isEqualTo(ShiftState.APPLYING);
            assertThat(back.claimedAt()).isNull();
            assertThat(a.runner.handBackAll()).isZero();
            assertThat(a.runner.sweep()).isZero();

            // The clock has not moved: no 30 s wait for the claim to age.
            assertThat(b.runner.sweep()).isEqualTo(1);
            Shift taken = store.get(s.id()).orElseThrow();
            assertThat(taken.state()).isEqualTo(ShiftState.BAKING);
            assertThat(taken.step()).isZero();
            assertThat(backend.read()).isEqualTo(new Weights(90, 10));
            assertThat(b.actions()).contains("shift-write-taken-over", "shift-step-applied");

            // The hung call lands late: its compare-and-swap is refused and nothing is recorded over b's.
            slow.release();
            approving.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.get(s.id()).orElseThrow().state()).isEqualTo(ShiftState.BAKING);
        assertThat(backend.read()).isEqualTo(new Weights(90, 10));
    }
}
