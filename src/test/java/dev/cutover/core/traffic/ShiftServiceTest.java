package dev.cutover.core.traffic;

import static dev.cutover.core.traffic.ShiftFixture.APPROVER;
import static dev.cutover.core.traffic.ShiftFixture.BAKE;
import static dev.cutover.core.traffic.ShiftFixture.CHANNEL;
import static dev.cutover.core.traffic.ShiftFixture.PAIR;
import static dev.cutover.core.traffic.ShiftFixture.REQUESTER;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.approval.Freeze;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.approval.Requests;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.memory.InMemoryShiftStore;
import dev.cutover.memory.InMemoryTrafficWeights;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shift state machine over the in-memory stores and a fixed clock. */
class ShiftServiceTest {
    final MutableClock clock = new MutableClock(T0);
    final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
    final InMemoryShiftStore store = new InMemoryShiftStore(approvals);
    final InMemoryTrafficWeights weights = ShiftFixture.allBlue();

    ShiftFixture replica(ShiftPlan.OnAlarm onAlarm) {
        return new ShiftFixture(store, approvals, weights, clock, onAlarm);
    }

    final ShiftFixture f = replica(ShiftPlan.OnAlarm.REVERT);

    Shift stored(Shift s) {
        return store.get(s.id()).orElseThrow();
    }

    @Test
    void theLastApprovalAppliesTheFirstStepAndStoresItsBakeDeadline() {
        Shift s = f.started();

        assertThat(s.state()).isEqualTo(ShiftState.BAKING);
        assertThat(s.step()).isZero();
        assertThat(s.deadline()).isEqualTo(T0.plus(BAKE));
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(f.actions()).containsExactly("shift-requested", "shift-approved", "shift-step-applied");
    }

    @Test
    void eachStepFollowsOnlyWhenItsBakeIsOverAndTheLastBakeEndsIt() {
        Shift s = f.started();

        clock.advance(BAKE.minusSeconds(1));
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        clock.advance(Duration.ofSeconds(1));
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
        assertThat(stored(s).lastHealthy()).isEqualTo(new Weights(90, 10));
        clock.advance(BAKE);
        f.runner.sweep();
        clock.advance(BAKE);
        f.runner.sweep();

        assertThat(weights.read()).isEqualTo(new Weights(0, 100));
        assertThat(stored(s).state()).isEqualTo(ShiftState.DONE);
        assertThat(weights.writes()).isEqualTo(3);
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    @Test
    void anAbortWhileAStepIsBeingWrittenWaitsForThatWriteAndThenGoesBackToAllBlue() throws Exception {
        HeldStepWrite slow = new HeldStepWrite(weights);
        ShiftFixture g = new ShiftFixture(store, approvals, slow, clock, ShiftPlan.OnAlarm.REVERT);
        Shift s = ((ShiftOutcome.Changed) g.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ShiftOutcome> approving = pool.submit(() -> g.service.approve(s.id(), APPROVER));
            assertThat(slow.awaitHeld()).isTrue();

            ShiftOutcome aborted = g.service.abort(s.id(), REQUESTER);
            assertThat(aborted).isInstanceOf(ShiftOutcome.Changed.class);
            assertThat(stored(s).state()).isEqualTo(ShiftState.ABORTING);
            assertThat(weights.read()).isEqualTo(new Weights(100, 0));

            slow.release();
            approving.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(stored(s).state()).isEqualTo(ShiftState.ABORTED);
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
        assertThat(g.actions()).contains("shift-abort-requested", "shift-aborted");
    }

    @Test
    void aShiftNeverMovesTrafficBackToBlueAfterGreenAlreadyHasAll() {
        Shift first = f.started();
        for (int step = 1; step <= 3; step++) {
            clock.advance(BAKE);
            f.runner.sweep();
        }
        assertThat(stored(first).state()).isEqualTo(ShiftState.DONE);
        long writes = weights.writes();

        assertThat(f.service.request(PAIR, List.of(10, 20, 30, 100), REQUESTER, CHANNEL))
                .isEqualTo(new ShiftOutcome.NothingToShift(PAIR, 100));
        assertThat(f.service.request(PAIR, null, REQUESTER, CHANNEL))
                .isEqualTo(new ShiftOutcome.NothingToShift(PAIR, 100));
        assertThat(f.service.dryRun(PAIR, null)).isEqualTo(new ShiftOutcome.NothingToShift(PAIR, 100));
        assertThat(weights.read()).isEqualTo(new Weights(0, 100));
        assertThat(weights.writes()).isEqualTo(writes);
    }

    @Test
    void stepsAtOrBelowWhatGreenAlreadyHasAreLeftOutOfThePlan() {
        weights.set(weights.read(), new Weights(80, 20), "a halted shift left green at 20%");

        Shift s = ((ShiftOutcome.Changed) f.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();

        assertThat(s.plan().start()).isEqualTo(new Weights(80, 20));
        assertThat(s.plan().percents()).containsExactly(50, 100);
    }

    @Test
    void theRequesterMayNotApproveTheirOwnShift() {
        Shift s = ((ShiftOutcome.Changed) f.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();

        assertThat(f.service.approve(s.id(), REQUESTER))
                .isInstanceOfSatisfying(ShiftOutcome.Refused.class, r -> assertThat(r.refusal())
                        .isInstanceOf(Refusal.OwnRequest.class));
        assertThat(weights.writes()).isZero();
    }

    @Test
    void promoteByTheRequesterIsRefusedAndTheBakeGoesOn() {
        Shift s = f.started();

        assertThat(f.service.promote(s.id(), REQUESTER))
                .isInstanceOfSatisfying(ShiftOutcome.Refused.class, r -> assertThat(r.refusal())
                        .isInstanceOf(Refusal.OwnShiftPromote.class));
        assertThat(f.service.promote(s.id(), "U-STRANGER"))
                .isInstanceOfSatisfying(ShiftOutcome.Refused.class, r -> assertThat(r.refusal())
                        .isInstanceOf(Refusal.NotApprover.class));
        assertThat(stored(s).deadline()).isEqualTo(T0.plus(BAKE));
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
    }

    @Test
    void promoteByAnApproverAppliesTheNextStepAtOnce() {
        Shift s = f.started();
        clock.advance(Duration.ofMinutes(1));

        ShiftOutcome out = f.service.promote(s.id(), APPROVER);

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> {
            assertThat(c.shift().step()).isEqualTo(1);
            assertThat(c.shift().deadline())
                    .isEqualTo(T0.plus(Duration.ofMinutes(1)).plus(BAKE));
        });
        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
    }

    @Test
    void aCrossedThresholdMidBakeRevertsAtOnceToTheLastHealthyWeights() {
        Shift s = f.started();
        clock.advance(BAKE);
        f.runner.sweep();
        clock.advance(Duration.ofMinutes(2));
        f.health = new ShiftHealth.Reading("5XX 12.0% of 500", List.of("5XX error rate 12.0% is above 5.0%"));

        f.runner.sweep();

        Shift after = stored(s);
        assertThat(after.state()).isEqualTo(ShiftState.REVERTED);
        assertThat(after.reason()).isEqualTo("5XX error rate 12.0% is above 5.0%");
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(f.actions()).endsWith("shift-reverting", "shift-reverted");
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aCrossedThresholdMidBakeHaltsAtTheCurrentWeightsWhenConfiguredToHalt() {
        ShiftFixture halting = replica(ShiftPlan.OnAlarm.HALT);
        Shift s = halting.started();
        clock.advance(Duration.ofMinutes(2));
        halting.health = new ShiftHealth.Reading("p95 2.10 s", List.of("p95 response time 2.10 s is above 1.00 s"));

        halting.runner.sweep();

        assertThat(stored(s).state()).isEqualTo(ShiftState.HALTED);
        assertThat(stored(s).reason()).isEqualTo("p95 response time 2.10 s is above 1.00 s");
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(weights.writes()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void abortFromAnyStepGoesBackToNoTrafficOnGreen(int step) {
        Shift s = f.started();
        for (int i = 0; i < step; i++) {
            clock.advance(BAKE);
            f.runner.sweep();
        }
        assertThat(stored(s).step()).isEqualTo(step);

        ShiftOutcome out = f.service.abort(s.id(), "U-ANYONE");

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> assertThat(
                        c.shift().state())
                .isEqualTo(ShiftState.ABORTED));
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    @Test
    void abortWhilePausedAndWhilePendingToo() {
        Shift s = f.started();
        f.service.pause(s.id(), REQUESTER);
        assertThat(f.service.abort(s.id(), REQUESTER)).isInstanceOf(ShiftOutcome.Changed.class);
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));

        Shift pending = ((ShiftOutcome.Changed) f.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();
        assertThat(f.service.abort(pending.id(), REQUESTER))
                .isInstanceOfSatisfying(
                        ShiftOutcome.Changed.class,
                        c -> assertThat(c.shift().state()).isEqualTo(ShiftState.CANCELLED));
    }

    @Test
    void pauseStopsTheBakesClockAndResumeRestartsItWithWhatWasLeft() {
        Shift s = f.started();
        clock.advance(Duration.ofMinutes(2));
        f.service.pause(s.id(), REQUESTER);
        clock.advance(Duration.ofHours(1));
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));

        f.service.resume(s.id(), REQUESTER);

        assertThat(stored(s).deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
    }

    @Test
    void weightsChangedBehindTheShiftsBackStopItWithTheDifference() {
        Shift s = f.started();
        weights.put(new Weights(70, 30));
        clock.advance(BAKE);

        f.runner.sweep();

        Shift after = stored(s);
        assertThat(after.state()).isEqualTo(ShiftState.STOPPED);
        assertThat(after.reason())
                .isEqualTo("the weights changed since the plan; nothing was applied (expected blue 90 / green 10, now"
                        + " blue 70 / green 30)");
        assertThat(weights.read()).isEqualTo(new Weights(70, 30));
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    @Test
    void aShiftAndASwapRequestShareThePairsOneChangeAtATime() {
        Shift s = ((ShiftOutcome.Changed) f.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();

        assertThat(approvals.createIfIdle(Requests.pending("r1", PAIR))).contains(s.id());

        f.service.abort(s.id(), REQUESTER);
        assertThat(approvals.createIfIdle(Requests.pending("r2", PAIR))).isEmpty();
        assertThat(f.service.request(PAIR, null, REQUESTER, CHANNEL))
                .isInstanceOfSatisfying(ShiftOutcome.Refused.class, r -> assertThat(r.refusal())
                        .isInstanceOfSatisfying(
                                Refusal.Busy.class, b -> assertThat(b.openId()).isEqualTo("r2")));
    }

    @Test
    void aFrozenPairTakesNoShiftAndARunningShiftWaitsAtItsStep() {
        Shift s = f.started();
        approvals.freeze(PAIR, new Freeze("U-SRE", "incident", T0));
        clock.advance(BAKE.multipliedBy(2));

        f.runner.sweep();

        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(stored(s).state()).isEqualTo(ShiftState.BAKING);
        f.service.abort(s.id(), REQUESTER);
        assertThat(f.service.request(PAIR, null, REQUESTER, CHANNEL))
                .isInstanceOfSatisfying(
                        ShiftOutcome.Refused.class, r -> assertThat(r.refusal()).isInstanceOf(Refusal.Frozen.class));
    }

    @Test
    void anUnapprovedPlanExpiresAtItsStoredTime() {
        Shift s = ((ShiftOutcome.Changed) f.service.request(PAIR, null, REQUESTER, CHANNEL)).shift();
        clock.advance(Duration.ofMinutes(15));

        f.runner.sweep();

        assertThat(stored(s).state()).isEqualTo(ShiftState.EXPIRED);
        assertThat(f.service.approve(s.id(), APPROVER)).isInstanceOf(ShiftOutcome.WrongState.class);
    }

    @Test
    void explicitStepsArePlannedAtTheScale() {
        Shift s = ((ShiftOutcome.Changed) f.service.request(PAIR, List.of(5, 25, 100), REQUESTER, CHANNEL)).shift();

        assertThat(s.plan().steps()).containsExactly(new Weights(95, 5), new Weights(75, 25), new Weights(0, 100));
        assertThat(s.plan().start()).isEqualTo(new Weights(100, 0));
    }

    @Test
    void aReadBackMismatchStopsTheShiftWithTheDifference() {
        TrafficWeights readsBackOther = new TrafficWeights() {
            @Override
            public Weights read() {
                return weights.read();
            }

            @Override
            public void set(Weights expected, Weights next, String comment) {
                weights.set(expected, next, comment);
                if (next.green() == 50) {
                    weights.put(new Weights(70, 30));
                    throw new TrafficException(
                            TrafficException.Kind.MISMATCH,
                            "the weights read back after the write are blue 70 / green 30");
                }
            }

            @Override
            public int maxWeight() {
                return 999;
            }
        };
        ShiftFixture alb = new ShiftFixture(store, approvals, readsBackOther, clock, ShiftPlan.OnAlarm.REVERT);
        Shift s = alb.started();
        clock.advance(BAKE);

        alb.runner.sweep();

        assertThat(stored(s).state()).isEqualTo(ShiftState.STOPPED);
        assertThat(stored(s).reason()).isEqualTo("the weights read back after the write are blue 70 / green 30");
        assertThat(alb.actions()).endsWith("shift-stopped");
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    static final String HELD =
            "green received no requests during the bake: its health is not confirmed;" + " an approver can Promote now";

    @Test
    void aBakeThatEndsWithoutRequestsOnGreenHoldsItsStepAndPromotesOnceALaterReadingIsHealthy() {
        f.health = ShiftHealth.Reading.unconfirmed("5XX 0.0% of 0", "green received no requests during the bake");
        Shift s = f.started();
        clock.advance(BAKE);

        f.runner.sweep();

        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(stored(s).state()).isEqualTo(ShiftState.BAKING);
        assertThat(stored(s).step()).isZero();
        assertThat(stored(s).reason()).isEqualTo(HELD);
        assertThat(f.actions()).endsWith("shift-held");
        long version = stored(s).version();
        clock.advance(Duration.ofMinutes(10));
        assertThat(f.runner.sweep()).isZero();
        assertThat(stored(s).version()).isEqualTo(version);
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));

        f.health = new ShiftHealth.Reading("5XX 0.1% of 900", List.of());
        f.runner.sweep();

        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
        assertThat(stored(s).step()).isEqualTo(1);
        assertThat(stored(s).reason()).isNull();
    }

    @Test
    void aPairThatIsNotWatchedDoesNotPromoteByItselfButAnApproverMayPromote() {
        f.health = ShiftHealth.Reading.unconfirmed(
                "not watched: no metrics configured", "green is not watched (no metrics configured)");
        Shift s = f.started();
        clock.advance(BAKE);
        f.runner.sweep();
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(stored(s).reason())
                .isEqualTo("green is not watched (no metrics configured): its health is not confirmed;"
                        + " an approver can Promote now");

        ShiftOutcome out = f.service.promote(s.id(), APPROVER);

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> assertThat(
                        c.shift().step())
                .isEqualTo(1));
        assertThat(weights.read()).isEqualTo(new Weights(50, 50));
        assertThat(stored(s).reason()).isNull();
    }

    @Test
    void anUnconfirmedReadingMidBakeNeitherHaltsNorHolds() {
        f.health = ShiftHealth.Reading.unconfirmed("5XX 0.0% of 3", "green received only 3 requests");
        Shift s = f.started();
        clock.advance(Duration.ofMinutes(2));

        f.runner.sweep();

        assertThat(stored(s).state()).isEqualTo(ShiftState.BAKING);
        assertThat(stored(s).reason()).isNull();
        assertThat(stored(s).health()).isEqualTo("5XX 0.0% of 3");
    }

    Shift halted(ShiftFixture g) {
        Shift s = g.started();
        clock.advance(Duration.ofMinutes(2));
        g.health = new ShiftHealth.Reading("p95 2.10 s", List.of("p95 response time 2.10 s is above 1.00 s"));
        g.runner.sweep();
        assertThat(stored(s).state()).isEqualTo(ShiftState.HALTED);
        g.health = new ShiftHealth.Reading("5XX 0.1% of 1200", List.of());
        return stored(s);
    }

    @Test
    void aShiftThatEndedLeavingTrafficOnGreenIsStillShownUntilGreenIsBackAtNone() {
        ShiftFixture halting = replica(ShiftPlan.OnAlarm.HALT);
        Shift s = halted(halting);

        assertThat(halting.service.shown(PAIR)).map(Shift::id).contains(s.id());
        assertThat(halting.service.shown(List.of(PAIR, "other")))
                .extracting(Shift::id)
                .containsExactly(s.id());
        assertThat(stored(s).leftOver()).isEqualTo("halted at blue 90% / green 10% — Abort takes green back to 0%");

        halting.service.abort(s.id(), "U-ANYONE");

        assertThat(stored(s).state()).isEqualTo(ShiftState.ABORTED);
        assertThat(stored(s).reason()).isNull();
        assertThat(halting.service.shown(PAIR)).isEmpty();
    }

    @Test
    void aRevertToWeightsWithGreenTrafficOrAStopPartwayNeedsAttentionButARevertToAllBlueDoesNot() {
        ShiftPlan plan =
                ShiftPlan.of(PAIR, new Weights(100, 0), List.of(10, 50, 100), 100, BAKE, ShiftPlan.OnAlarm.REVERT);
        Shift baking = Shift.requested("x", plan, REQUESTER, "C", 1, T0, BAKE)
                .baking(2, T0, T0.plus(BAKE), new Weights(50, 50));

        Shift reverted = baking.ended(ShiftState.REVERTED, null);
        assertThat(reverted.leftGreenTraffic()).isTrue();
        assertThat(reverted.leftOver())
                .isEqualTo("reverted to blue 50% / green 50% — green keeps its traffic until the weights are changed"
                        + " (a new `/shift` goes on from there)");
        assertThat(baking.ended(ShiftState.STOPPED, "drift").leftOver())
                .isEqualTo("stopped at blue 0% / green 100% — Abort takes green back to 0%");
        assertThat(Shift.requested("y", plan, REQUESTER, "C", 1, T0, BAKE)
                        .baking(0, T0, T0.plus(BAKE), new Weights(100, 0))
                        .ended(ShiftState.REVERTED, null)
                        .leftGreenTraffic())
                .isFalse();
        assertThat(baking.ended(ShiftState.DONE, null).leftGreenTraffic()).isFalse();
        assertThat(baking.ended(ShiftState.ABORTED, null).leftGreenTraffic()).isFalse();
    }

    @Test
    void abortAfterAHaltTakesGreenBackToNoTraffic() {
        ShiftFixture halting = replica(ShiftPlan.OnAlarm.HALT);
        Shift s = halted(halting);
        assertThat(approvals.openRequest(PAIR)).isEmpty();

        ShiftOutcome out = halting.service.abort(s.id(), "U-ANYONE");

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> assertThat(
                        c.shift().state())
                .isEqualTo(ShiftState.ABORTED));
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
        assertThat(halting.actions()).endsWith("shift-halted", "shift-abort-requested", "shift-aborted");
        assertThat(approvals.openRequest(PAIR)).isEmpty();
        assertThat(store.openIds()).isEmpty();
    }

    @Test
    void abortAfterAStopOnDriftIsRefusedWithTheDifferenceAndWritesNothing() {
        Shift s = f.started();
        weights.put(new Weights(70, 30));
        clock.advance(BAKE);
        f.runner.sweep();
        assertThat(stored(s).state()).isEqualTo(ShiftState.STOPPED);
        long writes = weights.writes();

        ShiftOutcome out = f.service.abort(s.id(), REQUESTER);

        assertThat(out).isEqualTo(new ShiftOutcome.Drifted(PAIR, new Weights(90, 10), new Weights(70, 30)));
        assertThat(weights.read()).isEqualTo(new Weights(70, 30));
        assertThat(weights.writes()).isEqualTo(writes);
        assertThat(stored(s).state()).isEqualTo(ShiftState.STOPPED);
        assertThat(approvals.openRequest(PAIR)).isEmpty();
    }

    @Test
    void abortAfterAStopGoesToAllBlueWhenTheWeightsAreWhatTheShiftLastWrote() {
        Shift s = f.started();
        weights.put(new Weights(70, 30));
        clock.advance(BAKE);
        f.runner.sweep();
        weights.put(new Weights(90, 10));

        ShiftOutcome out = f.service.abort(s.id(), REQUESTER);

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Changed.class, c -> assertThat(
                        c.shift().state())
                .isEqualTo(ShiftState.ABORTED));
        assertThat(weights.read()).isEqualTo(new Weights(100, 0));
    }

    @Test
    void anEndedShiftIsNotAbortedWhileAnotherChangeHoldsThePair() {
        ShiftFixture halting = replica(ShiftPlan.OnAlarm.HALT);
        Shift s = halted(halting);
        approvals.createIfIdle(Requests.pending("r1", PAIR));

        ShiftOutcome out = halting.service.abort(s.id(), REQUESTER);

        assertThat(out).isInstanceOfSatisfying(ShiftOutcome.Refused.class, r -> assertThat(r.refusal())
                .isInstanceOfSatisfying(
                        Refusal.Busy.class, b -> assertThat(b.openId()).isEqualTo("r1")));
        assertThat(weights.read()).isEqualTo(new Weights(90, 10));
        assertThat(stored(s).state()).isEqualTo(ShiftState.HALTED);
        assertThat(approvals.openRequest(PAIR)).contains("r1");
    }
}
