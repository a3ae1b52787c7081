package dev.cutover.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.chat.Message;
import dev.cutover.core.job.JobControl;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.quartz.CronSchedule;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CronCommandTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:10:00Z"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryJobHistory history = new InMemoryJobHistory(50);
    private final ScriptedTarget target = ScriptedTarget.succeeding();
    private final Set<String> paused = new HashSet<>();
    private final List<Message> ephemeral = new CopyOnWriteArrayList<>();
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
    private final JobSpec report = spec("report", List.of());
    private final JobSpec guarded = spec("guarded", List.of("U0BOSS", "S0ONCALL"));
    private final CronCommand command = new CronCommand(
            List.of(report, guarded),
            new JobRunner(
                    new InMemoryLockProvider(clock),
                    new InMemoryFireClaims(clock),
                    history,
                    new JobAlertMessages(new RecordingNotifier()),
                    clock,
                    timer,
                    RunGate.standard()),
            history,
            control,
            clock,
            group -> group.equals("S0ONCALL") ? java.util.Set.of("U0ONCALL") : java.util.Set.of());

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private JobSpec spec(String name, List<String> approvers) {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        return new JobSpec(
                name,
                new CronSchedule("0 30 9 * * ?", tokyo),
                tokyo,
                target,
                Duration.ofSeconds(5),
                RetryPolicy.once(),
                true,
                Duration.ofSeconds(5),
                true,
                true,
                "C0JOBS",
                approvers,
                Duration.ofMinutes(5),
                false);
    }

    private CommandResult handle(String text, String user) {
        return command.handle(new Invocation("cron", text, user, "C0JOBS", new Responder() {
            public void ephemeral(Message message) {
                ephemeral.add(message);
            }

            public void replaceOriginal(Message message) {}
        }));
    }

    private static String all(Message m) {
        return m.text() + " " + m.blocks();
    }

    /**
     * What the user sees of a command answered after the ack: the ack is silent, and the follow-up
     * answers through the responder; returns its last answer.
     */
    private Message answer(String text, String user) {
        CommandResult r = handle(text, user);
        assertThat(r.ephemeral()).as("the ack of %s", text).isNull();
        ephemeral.clear();
        r.followUp().run();
        return ephemeral.get(ephemeral.size() - 1);
    }

    @Test
    void listShowsNextThreeFireTimesInTheJobZoneAndUtcAndTheLastResult() {
        String out = all(answer("list", "U1"));
        assertThat(out).contains("report", "guarded", "`0 30 9 * * ?` in Asia/Tokyo", "never ran");
        assertThat(out)
                .contains("2026-03-02 09:30:00 JST (00:30Z)", "2026-03-03 09:30:00 JST", "2026-03-04 09:30:00 JST");
        assertThat(out).doesNotContain("2026-03-05 09:30");
    }

    @Test
    void runGoesThroughTheRunnerAfterTheAckAndAnswersTheUser() {
        CommandResult r = handle("run report", "U1");
        assertThat(r.ephemeral()).isNull();
        assertThat(target.attempts).isEmpty();
        r.followUp().run();
        assertThat(target.attempts).hasSize(1);
        assertThat(ephemeral)
                .extracting(Message::text)
                .satisfiesExactly(
                        starting -> assertThat(starting).contains("Starting `report`", "report-20260302T001000000Z-m"),
                        result -> assertThat(result).contains("succeeded"));
        assertThat(history.latest("report")).map(RunRecord::trigger).contains("manual:U1");
        assertThat(all(answer("list", "U1"))).contains("succeeded (1 attempt");
        assertThat(all(answer("history report", "U1"))).contains("report-20260302T001000000Z-m", "manual:U1");
    }

    private static RunRecord missed(String slot, Instant recordedAt) {
        Instant at = Instant.parse(slot);
        return new RunRecord(
                "report",
                "report-" + slot,
                at,
                "scheduled",
                recordedAt,
                recordedAt,
                0,
                RunRecord.Result.SKIPPED_MISFIRE,
                null,
                "missed",
                Map.of());
    }

    @Test
    void historyIsInSlotOrderNewestFirstWhateverOrderReplicasRecordedIt() {
        Instant now = clock.instant();
        // Two replicas record missed slots together: the older slot is recorded last.
        history.record(missed("2026-03-01T00:30:00Z", now));
        history.record(missed("2026-03-01T02:30:00Z", now.plusMillis(1)));
        history.record(missed("2026-03-01T01:30:00Z", now.plusMillis(2)));

        String out = all(answer("history report", "U1"));

        int newest = out.indexOf("report-2026-03-01T02:30:00Z");
        int middle = out.indexOf("report-2026-03-01T01:30:00Z");
        int oldest = out.indexOf("report-2026-03-01T00:30:00Z");
        assertThat(newest).isNotNegative().isLessThan(middle);
        assertThat(middle).isLessThan(oldest);
    }

    @Test
    void runIsRefusedToNonApproversWhenTheJobHasApprovers() {
        assertThat(answer("run guarded", "U1").text())
                .contains("Only <!subteam^S0ONCALL>, <@U0BOSS> may run `guarded`");
        assertThat(target.attempts).isEmpty();
        assertThat(answer("run guarded", "U0BOSS").text()).contains("succeeded");
        assertThat(target.attempts).hasSize(1);
    }

    @Test
    void approversGivenAsAUserGroupMayRunPauseAndResume() {
        assertThat(answer("run guarded", "U0ONCALL").text()).contains("succeeded");
        assertThat(answer("pause guarded", "U1").text()).contains("Only ", "may pause `guarded`");
        assertThat(answer("pause guarded", "U0ONCALL").text()).contains("Paused `guarded`");
        assertThat(answer("resume guarded", "U0ONCALL").text()).contains("Resumed `guarded`");
        assertThat(all(answer("history guarded", "U1"))).contains("History of guarded");
    }

    @Test
    void stopAsksTheRunHoldingTheLockByItsFencingTokenAndSaysWhenNothingRuns() {
        InMemoryLockProvider locks = new InMemoryLockProvider(clock);
        InMemoryFireClaims claims = new InMemoryFireClaims(clock);
        CronCommand cron = new CronCommand(
                List.of(report, guarded),
                new JobRunner(
                        locks,
                        claims,
                        history,
                        new JobAlertMessages(new RecordingNotifier()),
                        clock,
                        timer,
                        RunGate.standard()),
                history,
                control,
                clock,
                group -> java.util.Set.of());
        CommandResult idle = cron.handle(new Invocation("cron", "stop report", "U1", "C0JOBS", new Responder() {
            public void ephemeral(Message message) {
                ephemeral.add(message);
            }

            public void replaceOriginal(Message message) {}
        }));
        idle.followUp().run();
        assertThat(ephemeral.get(ephemeral.size() - 1).text())
                .isEqualTo("`report` is not running: no run holds its lock. Nothing was changed.");

        long token = locks.tryAcquire(new dev.cutover.core.lock.LockSpec(report.lockName(), Duration.ofSeconds(30)))
                .orElseThrow()
                .fencingToken();
        CommandResult running = cron.handle(new Invocation("cron", "stop report", "U1", "C0JOBS", new Responder() {
            public void ephemeral(Message message) {
                ephemeral.add(message);
            }

            public void replaceOriginal(Message message) {}
        }));
        assertThat(running.ephemeral()).isNull();
        running.followUp().run();
        assertThat(ephemeral.get(ephemeral.size() - 1).text())
                .contains("Stopping `report`", "fencing token " + token, "*stopped*");
        assertThat(claims.isClaimed("stop:" + report.lockName() + ":" + token)).isTrue();
        assertThat(claims.isClaimed("stop:" + report.lockName() + ":" + (token + 1)))
                .isFalse();
    }

    @Test
    void stopIsRefusedToNonApproversWhenTheJobHasApprovers() {
        assertThat(answer("stop guarded", "U1").text()).contains("Only ", "may stop `guarded`");
    }

    @Test
    void pauseAndResumeActOnTheSchedule() {
        assertThat(answer("pause report", "U1").text()).contains("Paused `report`");
        assertThat(paused).containsExactly("report");
        assertThat(all(answer("list", "U1"))).contains("*report* (paused)");
        answer("resume report", "U1");
        assertThat(paused).isEmpty();
    }

    @Test
    void unknownOrMissingArgumentsAnswerWithUsageAndTheKnownJobs() {
        for (String text : List.of("", "run", "run nope", "frobnicate report", "history")) {
            CommandResult r = handle(text, "U1");
            assertThat(r.followUp()).as(text).isNull();
            assertThat(r.ephemeral().text())
                    .as(text)
                    .contains("Usage: `/cron list | run <job>", "`report`", "`guarded`");
        }
        assertThat(handle("run nope", "U1").ephemeral().text()).startsWith("Unknown job `nope`.");
    }

    @Test
    void typedWordsAreEchoedCutAndAsDataNotMarkup() {
        String unknownJob = handle("run <!channel>", "U1").ephemeral().text();
        assertThat(unknownJob).startsWith("Unknown job `&lt;!channel&gt;`.").doesNotContain("<!channel>");

        String unknownVerb =
                handle("`x`<@U0BOSS>" + "y".repeat(100_000), "U1").ephemeral().text();
        assertThat(unknownVerb)
                .startsWith("Unknown or incomplete command `\u02BCx\u02BC&lt;@U0BOSS&gt;y")
                .doesNotContain("<@U0BOSS>")
                .hasSizeLessThan(400);
    }

    @Test
    void aPrefixThatMatchesNoJobSaysSo() {
        assertThat(answer("list zzz", "U1").blocks().toString())
                .contains("No job names start with `zzz`; `/cron list` shows them all.");
    }
}
