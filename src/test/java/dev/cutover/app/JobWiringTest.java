package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.commands.CommandResult;
import dev.cutover.commands.Invocation;
import dev.cutover.commands.Responder;
import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.chat.Message;
import dev.cutover.core.job.RunRecord;
import dev.cutover.jobs.Scheduling;
import dev.cutover.testing.RecordingNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The feature wired from config as the lead wires it: RAM store, in-process stores, a command job. */
class JobWiringTest {
    private static final String YAML =
            """
            scheduler:
              timeZone: UTC
              shutdownTimeout: 2s
              channel: C0OPS
            jobs:
              - name: hello
                cron: "* * * * * ?"
                target:
                  type: command
                  command: [sh, -c, 'test -n "$CUTOVER_FIRE_ID"']
                timeout: 5s
              - name: broken
                cron: "0 0 3 * * ?"
                target:
                  type: command
                  command: [sh, -c, 'exit 4']
                maxAttempts: 2
                backoff: { initial: 10ms, max: 20ms }
            """;

    @Test
    void firesFromConfigAndAnswersCron() throws Exception {
        CutoverConfig config =
                new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("t.yml", YAML);
        RecordingNotifier notifier = new RecordingNotifier();
        Clock clock = Clock.systemUTC();
        JobWiring.Jobs jobs = JobWiring.build(
                config,
                JobWiring.inProcess(config, clock, JobTargets.withoutAws()),
                notifier,
                clock,
                group -> Set.of(),
                "unit");
        Scheduling s = jobs.scheduling();
        try {
            assertThat(s.start()).containsExactlyInAnyOrder("hello", "broken");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> text(jobs, "history hello").contains("succeeded"));
            CommandResult run = jobs.command().handle(invocation("run broken", new ArrayList<>()));
            run.followUp().run();
            assertThat(notifier.posts).singleElement().satisfies(p -> {
                assertThat(p.channel()).isEqualTo("C0OPS");
                assertThat(p.message().text()).contains("broken", "exit code 4");
            });
            assertThat(s.runner().gate().inFlight()).isZero();
            assertThat(text(jobs, "list")).contains("hello", "broken", "failed (2 attempts, exit 4");
        } finally {
            assertThat(s.stop()).isTrue();
        }
        assertThat(RunRecord.Result.SKIPPED_LOCKED.skipped()).isTrue();
    }

    /** The answer to {@code /cron <command>}, which comes after the ack through the responder. */
    private static String text(JobWiring.Jobs jobs, String command) {
        List<Message> shown = new ArrayList<>();
        jobs.command().handle(invocation(command, shown)).followUp().run();
        Message m = shown.get(shown.size() - 1);
        return m.text() + m.blocks();
    }

    private static Invocation invocation(String text, List<Message> shown) {
        return new Invocation("cron", text, "U1", "C0OPS", new Responder() {
            public void ephemeral(Message message) {
                shown.add(message);
            }

            public void replaceOriginal(Message message) {}
        });
    }
}
