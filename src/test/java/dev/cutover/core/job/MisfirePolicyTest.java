package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5: the misfire policy in every restart timing, on a controllable clock. Deliveries are
 * what Quartz hands over after a restart: each slot missed by less than its misfire threshold, late
 * and in turn, then the on-time slots.
 */
class MisfirePolicyTest {
    private static final Instant SLOT = Instant.parse("2026-03-02T10:01:00Z");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(SLOT);
    private final InMemoryJobHistory history = new InMemoryJobHistory(50);
    private final ScriptedTarget target = ScriptedTarget.succeeding();
    private final JobRunner runner = new JobRunner(
            new InMemoryLockProvider(clock),
            new InMemoryFireClaims(clock),
            history,
            new JobAlertMessages(new RecordingNotifier()),
            clock,
            timer,
            RunGate.standard());

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static JobSpec every10s(boolean catchUp) {
        JobSpec j = Jobs.spec("tick", "0/10 * * * * ?", ScriptedTarget.succeeding());
        return new JobSpec(
                j.name(),
                j.schedule(),
                j.zone(),
                j.target(),
                j.timeout(),
                j.retry(),
                true,
                j.lease(),
                catchUp,
                true,
                "C0JOBS",
                List.of(),
                j.missedRunGrace(),
                false);
    }

    /** Delivers {@code scheduled} at {@code at} to a scheduler up since {@code upSince}, as FireJob does. */
    private void deliver(JobSpec spec, Instant scheduled, Instant at, Instant upSince) {
        clock.set(at);
        SlotResolver.Resolved r = SlotResolver.resolve(spec, scheduled, at, upSince);
        JobSpec withTarget = new JobSpec(
                spec.name(),
                spec.schedule(),
                spec.zone(),
                target,
                spec.timeout(),
                spec.retry(),
                spec.lockRequired(),
                spec.lease(),
                spec.catchUp(),
                spec.enabled(),
                spec.channel(),
                spec.approvers(),
                spec.missedRunGrace(),
                false);
        if (r.skip()) {
            runner.skip(withTarget, r.fire(), r.trigger(), Result.SKIPPED_MISFIRE, "late fire skipped");
        } else {
            runner.fire(withTarget, r.fire(), r.trigger());
        }
    }

    private List<String> ranSlots() {
        return target.attempts.stream().map(a -> a.fire().key()).toList();
    }

    @Test
    void skipAfterBothReplicasWereDown45sRunsNoMissedSlotAndTheNextOnTimeOne() {
        JobSpec spec = every10s(false);
        Instant up = Instant.parse("2026-03-02T10:00:50.200Z");
        // Down from 10:00:05; Quartz (threshold 60 s) delivers :10 to :50 at once, then :01:00.
        for (int s = 10; s <= 50; s += 10) {
            deliver(spec, Instant.parse("2026-03-02T10:00:00Z").plusSeconds(s), up.plusMillis(s), up);
        }
        deliver(spec, SLOT, SLOT, up);
        assertThat(ranSlots()).containsExactly("tick-20260302T100100Z");
        assertThat(history.recent("tick", 50))
                .filteredOn(r -> r.result() == Result.SKIPPED_MISFIRE)
                .extracting(RunRecord::fireId)
                .containsExactlyInAnyOrder(
                        "tick-20260302T100010Z",
                        "tick-20260302T100020Z",
                        "tick-20260302T100030Z",
                        "tick-20260302T100040Z",
                        "tick-20260302T100050Z");
    }

    @Test
    void fireOnceAfterTheSameOutageRunsOneCatchUpThenTheOnTimeSlot() {
        JobSpec spec = every10s(true);
        Instant up = Instant.parse("2026-03-02T10:00:50.200Z");
        for (int s = 10; s <= 50; s += 10) {
            deliver(spec, Instant.parse("2026-03-02T10:00:00Z").plusSeconds(s), up.plusMillis(s), up);
        }
        deliver(spec, SLOT, SLOT, up);
        assertThat(ranSlots()).containsExactly("tick-20260302T100050Z", "tick-20260302T100100Z");
    }

    @Test
    void restartJustBeforeASlotRunsItOnTimeUnderEitherPolicy() {
        for (boolean catchUp : new boolean[] {false, true}) {
            JobSpec spec = every10s(catchUp);
            Instant up = SLOT.minusMillis(1);
            deliver(spec, SLOT, SLOT.plusMillis(40), up);
        }
        assertThat(ranSlots()).containsExactly("tick-20260302T100100Z");
        assertThat(history.recent("tick", 10)).extracting(RunRecord::trigger).contains("scheduled");
    }

    @Test
    void restartAtASlotRunsItOnTime() {
        JobSpec spec = every10s(false);
        deliver(spec, SLOT, SLOT.plusMillis(40), SLOT);
        assertThat(ranSlots()).containsExactly("tick-20260302T100100Z");
    }

    @Test
    void restartJustAfterASlotSkipsItUnderSkipAndCatchesItUpOnceUnderFireOnce() {
        Instant up = SLOT.plusMillis(1);
        deliver(every10s(false), SLOT, up.plusMillis(5), up);
        assertThat(ranSlots()).isEmpty();
        assertThat(history.latest("tick")).get().extracting(RunRecord::result).isEqualTo(Result.SKIPPED_MISFIRE);

        deliver(every10s(true), SLOT, up.plusMillis(10), up);
        deliver(every10s(true), SLOT, up.plusMillis(20), up); // a second delivery of the same slot
        assertThat(ranSlots()).containsExactly("tick-20260302T100100Z");
        assertThat(history.latest("tick")).get().extracting(RunRecord::trigger).isEqualTo("catch-up");
    }
}
