package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissedRunWatchdogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:58:00Z"));
    private final InMemoryJobHistory history = new InMemoryJobHistory(50);
    private final InMemoryFireClaims claims = new InMemoryFireClaims(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final Set<String> paused = new HashSet<>();
    private final JobControl control = new JobControl() {
        public void pause(String job) {
            paused.add(job);
        }

        public void resume(String job) {
            paused.remove(job);
        }

        public boolean isPaused(String job) {
            return paused.contains(job);
        }
    };
    // hourly at :00, grace 5 minutes
    private final JobSpec spec = Jobs.spec("hourly", "0 0 * * * ?", ScriptedTarget.succeeding());

    private MissedRunWatchdog watchdog(InMemoryFireClaims sharedClaims) {
        return new MissedRunWatchdog(
                List.of(spec), history, sharedClaims, control, new JobAlertMessages(notifier), clock, clock.instant());
    }

    private void ran(String slot) {
        Instant s = Instant.parse(slot);
        history.record(new RunRecord(
                "hourly",
                FireIdentity.scheduled("hourly", s).key(),
                s,
                "scheduled",
                s,
                s.plusSeconds(1),
                1,
                RunRecord.Result.SUCCEEDED,
                0,
                "",
                Map.of()));
    }

    @Test
    void aRunNotStartedWithinTheGraceIsAlertedOncePerIncidentAcrossReplicas() {
        MissedRunWatchdog a = watchdog(claims);
        MissedRunWatchdog b = watchdog(claims);
        clock.set(Instant.parse("2026-03-02T10:04:00Z"));
        assertThat(a.check()).as("still within the grace").isZero();
        clock.set(Instant.parse("2026-03-02T10:05:30Z"));
        assertThat(a.check() + b.check()).isEqualTo(1);
        assertThat(notifier.posts).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("C0JOBS");
            assertThat(p.message().text()).contains("hourly", "missed run", "2026-03-02T10:00:00Z");
        });
        clock.set(Instant.parse("2026-03-02T11:06:00Z"));
        assertThat(a.check() + b.check())
                .as("the same incident goes on: no second alert")
                .isZero();
    }

    @Test
    void aRunThatStartedInTimeRaisesNothingAndANewIncidentAlertsAgain() {
        MissedRunWatchdog w = watchdog(claims);
        clock.set(Instant.parse("2026-03-02T10:06:00Z"));
        ran("2026-03-02T10:00:00Z");
        assertThat(w.check()).isZero();
        clock.set(Instant.parse("2026-03-02T11:06:00Z"));
        assertThat(w.check()).isEqualTo(1);
        assertThat(notifier.texts()).singleElement().asString().contains("2026-03-02T11:00:00Z");
    }

    @Test
    void aPausedJobIsNotAlerted() {
        MissedRunWatchdog w = watchdog(claims);
        control.pause("hourly");
        clock.set(Instant.parse("2026-03-02T10:30:00Z"));
        assertThat(w.check()).isZero();
        assertThat(Duration.between(
                        spec.schedule().latestAtOrBefore(clock.instant()).orElseThrow(), clock.instant()))
                .isEqualTo(Duration.ofMinutes(30));
    }
}
