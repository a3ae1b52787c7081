package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlotResolverTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:11:05Z"));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aTenMinuteOutageOfAnEveryMinuteJobGivesOneCatchUpRunNotABurst() {
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobSpec spec = Jobs.spec("minutely", "0 * * * * ?", target);
        InMemoryJobHistory history = new InMemoryJobHistory(50);
        JobRunner runner = new JobRunner(
                new InMemoryLockProvider(clock),
                new InMemoryFireClaims(clock),
                history,
                new JobAlertMessages(new RecordingNotifier()),
                clock,
                timer,
                RunGate.standard());
        // What Quartz delivers after the outage: the slots missed by less than the misfire threshold
        // back-to-back, and the "fire once now" fire at an instant that is no slot.
        List<Instant> deliveries = new ArrayList<>();
        for (int m = 1; m <= 11; m++) {
            deliveries.add(Instant.parse("2026-03-02T10:00:00Z").plus(Duration.ofMinutes(m)));
        }
        deliveries.add(Instant.parse("2026-03-02T10:11:05Z"));
        for (Instant d : deliveries) {
            SlotResolver.Resolved r = SlotResolver.resolve(spec, d, clock.instant());
            runner.fire(spec, r.fire(), r.trigger());
            clock.advance(Duration.ofMillis(10));
        }
        assertThat(target.attempts)
                .singleElement()
                .satisfies(a -> assertThat(a.fire().key()).isEqualTo("minutely-20260302T101100Z"));
        assertThat(history.recent("minutely", 50))
                .filteredOn(r -> !r.result().skipped())
                .hasSize(1);
        // The other 11 deliveries are duplicates of that slot: counted, but the slot has one entry.
        assertThat(history.recent("minutely", 50)).hasSize(1);
    }

    @Test
    void anOnTimeDeliveryRunsUnderItsOwnSlot() {
        JobSpec spec = Jobs.spec("minutely", "0 * * * * ?", ScriptedTarget.succeeding());
        SlotResolver.Resolved r = SlotResolver.resolve(spec, Instant.parse("2026-03-02T10:11:00Z"), clock.instant());
        assertThat(r.trigger()).isEqualTo("scheduled");
        assertThat(r.fire().slot()).isEqualTo(Instant.parse("2026-03-02T10:11:00Z"));
        assertThat(r.skip()).isFalse();
    }

    @Test
    void underMisfireSkipALateDeliveryIsSkipped() {
        JobSpec j = Jobs.spec("strict", "0 * * * * ?", ScriptedTarget.succeeding());
        JobSpec spec = new JobSpec(
                j.name(),
                j.schedule(),
                j.zone(),
                j.target(),
                j.timeout(),
                j.retry(),
                true,
                j.lease(),
                false,
                true,
                null,
                List.of(),
                j.missedRunGrace(),
                false);
        SlotResolver.Resolved r = SlotResolver.resolve(spec, Instant.parse("2026-03-02T10:05:00Z"), clock.instant());
        assertThat(r.skip()).isTrue();
        assertThat(SlotResolver.resolve(spec, Instant.parse("2026-03-02T10:11:00Z"), clock.instant())
                        .skip())
                .isFalse();
    }
}
