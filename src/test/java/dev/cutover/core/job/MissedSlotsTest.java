package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.quartz.CronSchedule;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Missed slots are bounded per outage and recorded once, however many replicas account for them. */
class MissedSlotsTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private final MutableClock clock = new MutableClock(T);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryJobHistory history = new InMemoryJobHistory(100);
    private final InMemoryFireClaims claims = new InMemoryFireClaims(clock);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private JobRunner replica() {
        return new JobRunner(
                new InMemoryLockProvider(clock),
                claims,
                history,
                new JobAlertMessages(new RecordingNotifier()),
                clock,
                timer,
                RunGate.standard());
    }

    @Test
    void anHourOfAMinutelyJobListsTheNewestTenAndSumsUpTheRest() {
        CronSchedule every = new CronSchedule("0 * * * * ?", ZoneId.of("UTC"));
        MissedSlots m = MissedSlots.between(every, T, T.plusSeconds(3600));
        assertThat(m.listed()).hasSize(MissedSlots.LISTED).first().isEqualTo(T.plusSeconds(50 * 60));
        assertThat(m.listed()).last().isEqualTo(T.plusSeconds(59 * 60));
        assertThat(m.older()).isEqualTo(49);
        assertThat(m.olderFrom()).isEqualTo(T.plusSeconds(60));
        assertThat(m.olderTo()).isEqualTo(T.plusSeconds(49 * 60));
        assertThat(MissedSlots.between(every, T, T.plusSeconds(60)).isEmpty()).isTrue();
    }

    @Test
    void aWeekDownLooksBackOneDay() {
        CronSchedule hourly = new CronSchedule("0 0 * * * ?", ZoneId.of("UTC"));
        MissedSlots m = MissedSlots.between(hourly, T, T.plus(java.time.Duration.ofDays(7)));
        assertThat(m.older() + m.listed().size()).isEqualTo(23); // strictly inside the last day
    }

    @Test
    void twoReplicasAccountingForTheSameOutageRecordEachSlotOnce() {
        JobSpec spec = Jobs.spec("tick", "0 * * * * ?", ScriptedTarget.succeeding());
        MissedSlots m = MissedSlots.between(spec.schedule(), T, T.plusSeconds(3600));
        assertThat(replica().missed(spec, m, Result.SKIPPED_MISFIRE, "down")).isEqualTo(11);
        assertThat(replica().missed(spec, m, Result.SKIPPED_MISFIRE, "down")).isZero();
        assertThat(history.recent("tick", 100))
                .hasSize(11)
                .allSatisfy(r -> assertThat(r.result()).isEqualTo(Result.SKIPPED_MISFIRE))
                .anySatisfy(r -> assertThat(r.detail())
                        .isEqualTo(
                                "and 49 more slot(s) missed from 2026-03-02T10:01:00Z to 2026-03-02T10:49:00Z: down"));
        // A missed slot is claimed: a late delivery of it neither runs nor records again.
        assertThat(replica()
                        .skipOnce(
                                spec,
                                FireIdentity.scheduled("tick", T.plusSeconds(59 * 60)),
                                "late",
                                Result.SKIPPED_MISFIRE,
                                "late"))
                .isEmpty();
    }
}
