package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.SlotResolver;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/** The daylight-saving policy, computed with Quartz's own trigger and played through the run path. */
class CronScheduleTest {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aDailyJobInTheSpringForwardGapRunsOnceAtTheFirstValidInstantAfterIt() {
        List<Instant> fires = fires("0 30 2 * * ?", "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z");
        assertThat(fires)
                .containsExactly(
                        Instant.parse("2026-03-07T07:30:00Z"), // 02:30 EST
                        Instant.parse("2026-03-08T07:00:00Z"), // 03:00 EDT: 02:30 does not exist that day
                        Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT
        assertThat(runsPerLocalDay("0 30 2 * * ?", fires)).containsExactly(1, 1, 1);
    }

    @Test
    void quartzAloneWouldSkipTheDaySoTheGapTriggerIsNeeded() {
        List<Instant> quartz = quartzCronTriggerFires("0 30 2 * * ?", "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z");
        assertThat(quartz).hasSize(2).doesNotContain(Instant.parse("2026-03-08T07:00:00Z"));
        CronSchedule s = new CronSchedule("0 30 2 * * ?", NY);
        assertThat(s.nextGapFireAfter(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(new CronSchedule("0 30 4 * * ?", NY).nextGapFireAfter(Instant.parse("2026-01-01T00:00:00Z")))
                .as("a job outside the gap hour never needs the extra fire")
                .isEmpty();
    }

    @Test
    void aDailyJobInTheRepeatedFallBackHourRunsExactlyOnce() {
        List<Instant> fires = fires("0 30 1 * * ?", "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z");
        assertThat(fires)
                .containsExactly(
                        Instant.parse("2026-10-31T05:30:00Z"),
                        Instant.parse("2026-11-01T06:30:00Z"), // 01:30 EST, the second occurrence, once
                        Instant.parse("2026-11-02T06:30:00Z"));
        assertThat(runsPerLocalDay("0 30 1 * * ?", fires)).containsExactly(1, 1, 1);
    }

    @Test
    void aQuarterHourlyJobKeepsItsIntervalThroughTheRepeatedFallBackHour() {
        CronSchedule s = new CronSchedule("0 0/15 * * * ?", NY);
        List<Instant> fires = new ArrayList<>();
        for (Instant t = s.nextAfter(Instant.parse("2026-11-01T04:40:00Z")).orElseThrow();
                t.isBefore(Instant.parse("2026-11-01T06:20:00Z"));
                t = s.nextAfter(t).orElseThrow()) {
            fires.add(t);
        }
        assertThat(fires)
                .containsExactly(
                        Instant.parse("2026-11-01T04:45:00Z"), // 00:45 EDT
                        Instant.parse("2026-11-01T05:00:00Z"), // 01:00 EDT: Quartz alone skips 01:00-01:45 EDT
                        Instant.parse("2026-11-01T05:15:00Z"),
                        Instant.parse("2026-11-01T05:30:00Z"),
                        Instant.parse("2026-11-01T05:45:00Z"), // 01:45 EDT
                        Instant.parse("2026-11-01T06:00:00Z"), // 01:00 EST
                        Instant.parse("2026-11-01T06:15:00Z"));
        List<Instant> quartz = quartzCronTriggerFires("0 0/15 * * * ?", "2026-11-01T04:40:00Z", "2026-11-01T06:20:00Z");
        assertThat(quartz).as("Quartz's own gap of an hour").doesNotContain(Instant.parse("2026-11-01T05:00:00Z"));
        List<Instant> extra = new ArrayList<>();
        for (Optional<Instant> e = s.nextExtraFireAfter(Instant.parse("2026-11-01T04:40:00Z"));
                e.isPresent() && e.get().isBefore(Instant.parse("2026-11-01T06:20:00Z"));
                e = s.nextExtraFireAfter(e.get())) {
            extra.add(e.get());
        }
        TreeSet<Instant> stored = new TreeSet<>(quartz);
        stored.addAll(extra);
        assertThat(stored).as("the cron trigger plus the one-shot triggers").containsExactlyElementsOf(fires);
        assertThat(s.latestAtOrBefore(Instant.parse("2026-11-01T05:20:00Z")))
                .as("the missed-run check sees the repeated-hour slots")
                .contains(Instant.parse("2026-11-01T05:15:00Z"));
        assertThat(new CronSchedule("0 30 1 * * ?", NY)
                        .nextRepeatedHourFireAfter(Instant.parse("2026-10-01T00:00:00Z")))
                .as("a job at a set hour still runs once")
                .isEmpty();
    }

    @Test
    void latestAtOrBeforeFindsTheSlotAndTheGapFire() {
        CronSchedule s = new CronSchedule("0 30 2 * * ?", NY);
        assertThat(s.latestAtOrBefore(Instant.parse("2026-03-08T12:00:00Z")))
                .contains(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(s.latestAtOrBefore(Instant.parse("2026-03-07T07:30:00Z")))
                .contains(Instant.parse("2026-03-07T07:30:00Z"));
        CronSchedule everyMinute = new CronSchedule("0 * * * * ?", ZoneId.of("UTC"));
        assertThat(everyMinute.latestAtOrBefore(Instant.parse("2026-03-08T10:11:05Z")))
                .contains(Instant.parse("2026-03-08T10:11:00Z"));
    }

    /** Quartz's cron trigger fires plus the one-shot gap trigger, as TriggerSync stores them. */
    private static List<Instant> fires(String cron, String from, String to) {
        TreeSet<Instant> all = new TreeSet<>(quartzCronTriggerFires(cron, from, to));
        new CronSchedule(cron, NY)
                .nextGapFireAfter(Instant.parse(from))
                .filter(g -> g.isBefore(Instant.parse(to)))
                .ifPresent(all::add);
        List<Instant> viaSchedule = new ArrayList<>();
        CronSchedule s = new CronSchedule(cron, NY);
        for (Instant t = s.nextAfter(Instant.parse(from)).orElseThrow();
                t.isBefore(Instant.parse(to));
                t = s.nextAfter(t).orElseThrow()) {
            viaSchedule.add(t);
        }
        assertThat(viaSchedule).as("Schedule agrees with the stored triggers").containsExactlyElementsOf(all);
        return List.copyOf(all);
    }

    private static List<Instant> quartzCronTriggerFires(String cron, String from, String to) {
        OperableTrigger t = (OperableTrigger) TriggerBuilder.newTrigger()
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(NY)))
                .startAt(Date.from(Instant.parse(from)))
                .build();
        return TriggerUtils.computeFireTimesBetween(
                        t, null, Date.from(Instant.parse(from)), Date.from(Instant.parse(to)))
                .stream()
                .map(Date::toInstant)
                .toList();
    }

    /** Delivers each fire (twice, as an at-least-once source would) through the resolver and runner. */
    private List<Integer> runsPerLocalDay(String cron, List<Instant> fires) {
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobSpec spec = new JobSpec(
                "dst",
                new CronSchedule(cron, NY),
                NY,
                target,
                Duration.ofSeconds(5),
                RetryPolicy.once(),
                true,
                Duration.ofSeconds(5),
                true,
                true,
                null,
                List.of(),
                Duration.ofMinutes(5),
                false);
        MutableClock clock = new MutableClock(fires.get(0));
        JobRunner runner = new JobRunner(
                new InMemoryLockProvider(clock),
                new InMemoryFireClaims(clock),
                new InMemoryJobHistory(50),
                new JobAlertMessages(new RecordingNotifier()),
                clock,
                timer,
                RunGate.standard());
        for (Instant f : fires) {
            clock.set(f.plusMillis(20));
            for (int i = 0; i < 2; i++) {
                SlotResolver.Resolved r = SlotResolver.resolve(spec, f, clock.instant());
                RunRecord rec = runner.fire(spec, r.fire(), r.trigger());
                assertThat(rec.result()).isIn(RunRecord.Result.SUCCEEDED, RunRecord.Result.SKIPPED_DUPLICATE);
            }
        }
        return target.attempts.stream()
                .map(a -> a.fire().slot().atZone(NY).toLocalDate())
                .collect(java.util.stream.Collectors.groupingBy(
                        d -> d, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .values()
                .stream()
                .map(Long::intValue)
                .toList();
    }

    @Test
    void fireIdentitiesFitEcsAndStepFunctionsLimits() {
        String longest = "a".repeat(32);
        assertThat(FireIdentity.scheduled(longest, Instant.now()).key()).hasSizeLessThanOrEqualTo(64 - 4);
        assertThat(FireIdentity.manual(longest, Instant.now()).key())
                .hasSizeLessThanOrEqualTo(64 - 4)
                .matches("[A-Za-z0-9_-]+");
        assertThat(LocalDate.of(2026, 3, 8)).isNotNull();
    }
}
