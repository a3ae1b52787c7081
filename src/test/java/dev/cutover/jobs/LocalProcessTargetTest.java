package dev.cutover.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessTargetTest {
    private static final FireIdentity FIRE = FireIdentity.scheduled("hello", Instant.parse("2026-03-02T10:00:00Z"));

    private static AttemptResult run(Duration timeout, String... argv) {
        return new LocalProcessTarget(new JobTargetConfig.Command(List.of(argv), null, Map.of("GREETING", "hi")))
                .run(new Attempt(FIRE, 1, 42, timeout, () -> false));
    }

    @Test
    void exitZeroIsSuccessAndTheFireIdentityAndFencingTokenAreInTheEnvironment(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("env");
        AttemptResult r = run(
                Duration.ofSeconds(5),
                "sh",
                "-c",
                "echo \"$GREETING $CUTOVER_FIRE_ID $CUTOVER_FENCING_TOKEN $CUTOVER_ATTEMPT\" > " + out);
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.SUCCEEDED);
        assertThat(Files.readString(out).strip()).isEqualTo("hi hello-20260302T100000Z 42 1");
    }

    @Test
    void aNonZeroExitIsAFailureWithItsCodeAndOutput() {
        AttemptResult r = run(Duration.ofSeconds(5), "sh", "-c", "echo boom; exit 3");
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.detail()).contains("exit code 3", "boom");
    }

    @Test
    void aTimeoutKillsTheProcessAndItsChildren(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("child.pid");
        long start = System.nanoTime();
        AttemptResult r = run(Duration.ofMillis(700), "sh", "-c", "sleep 60 & echo $! > " + pid + "; wait");
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        assertThat(r.detail()).contains("killed the process and 1 descendant");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long child = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(3))
                .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void aMissingProgramIsAFailureNotACrash() {
        AttemptResult r = run(Duration.ofSeconds(1), "/nonexistent/program");
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.FAILED);
        assertThat(r.detail()).contains("cannot start");
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroupDoubleForkedDescendantsIncluded(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("orphan.pid");
        // The subshell exits at once: the sleep is re-parented and no longer a descendant.
        AttemptResult r =
                run(Duration.ofMillis(1500), "sh", "-c", "( sleep 1001 & echo $! > " + pid + " ); sleep 1002");
        assertThat(r.outcome()).isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        long orphan = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(3))
                .until(() ->
                        ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void aCancelledAttemptKillsTheGroupToo(@TempDir Path dir) throws Exception {
        Path pid = dir.resolve("orphan.pid");
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<AttemptResult> running =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> new LocalProcessTarget(new JobTargetConfig.Command(
                                        List.of("sh", "-c", "( sleep 1003 & echo $! > " + pid + " ); sleep 1004"),
                                        null,
                                        Map.of()))
                                .run(new Attempt(FIRE, 1, 42, Duration.ofSeconds(30), cancel::get)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
        long orphan = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessGroups.groupOf(orphan))
                .as("in the command's own group, not the bot's")
                .isNotEqualTo(ProcessGroups.groupOf(ProcessHandle.current().pid()));
        cancel.set(true);
        assertThat(running.get(10, java.util.concurrent.TimeUnit.SECONDS).outcome())
                .isEqualTo(AttemptResult.Outcome.TIMED_OUT);
        await().atMost(Duration.ofSeconds(3))
                .until(() ->
                        ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false) == false);
    }
}
