package dev.cutover.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.app.JobTargets;
import dev.cutover.app.JobWiring;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.RunRecord;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 11 item 2: a schedule that never fires disables that job at start-up, not the bot. */
class NeverFiringJobTest {
    private static final String YAML =
            """
            scheduler:
              shutdownTimeout: 2s
              channel: C0OPS
            jobs:
              - name: feb30
                cron: "0 0 0 30 2 ?"
                target: { type: command, command: [true] }
              - name: past
                cron: "0 0 9 1 6 ? 2020"
                target: { type: command, command: [true] }
              - name: ticking
                cron: "* * * * * ?"
                target: { type: command, command: [true] }
            """;

    @Test
    void neverFiringJobsAreReportedOnceAndTheOthersRun() throws Exception {
        CutoverConfig config =
                new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("t.yml", YAML);
        RecordingNotifier notifier = new RecordingNotifier();
        Clock clock = Clock.systemUTC();
        JobPorts ports = JobWiring.inProcess(config, clock, JobTargets.withoutAws());
        JobWiring.Jobs jobs = JobWiring.build(config, ports, notifier, clock, group -> Set.of(), "unit");
        Scheduling s = jobs.scheduling();
        try {
            assertThat(s.start()).containsExactly("ticking");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.history()
                    .latest("ticking")
                    .map(r -> r.result() == RunRecord.Result.SUCCEEDED)
                    .orElse(false));
            assertThat(notifier.posts)
                    .extracting(p -> p.message().text())
                    .hasSize(2)
                    .anySatisfy(t -> assertThat(t).contains("feb30", "never fires", "0 0 0 30 2 ?"))
                    .anySatisfy(t -> assertThat(t).contains("past", "never fires"));
            assertThat(s.scheduler().isPaused("ticking")).isFalse();
            assertThat(s.history().recent("feb30", 5)).singleElement().satisfies(r -> {
                assertThat(r.result()).isEqualTo(RunRecord.Result.SKIPPED_DISABLED);
                assertThat(r.detail()).contains("never fires again");
            });
        } finally {
            s.stop();
        }
        // A second start of the same replica set (same claims) does not post again.
        JobWiring.Jobs again =
                JobWiring.build(config, sameClaims(ports, config, clock), notifier, clock, g -> Set.of(), "u2");
        try {
            again.scheduling().start();
            assertThat(notifier.posts).hasSize(2);
        } finally {
            again.scheduling().stop();
        }
    }

    private static JobPorts sameClaims(JobPorts ports, CutoverConfig config, Clock clock) {
        FireClaims claims = ports.claims();
        JobPorts fresh = JobWiring.inProcess(config, clock, JobTargets.withoutAws());
        return new JobPorts(fresh.locks(), claims, fresh.history(), fresh.targets());
    }
}
