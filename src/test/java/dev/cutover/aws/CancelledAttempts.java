package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.job.Attempt;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Runs a target's attempt that is cancelled (as by shutdown) once its wait has begun. */
final class CancelledAttempts {
    private CancelledAttempts() {}

    /**
     * Runs an attempt of {@code target} with a 10-minute timeout, cancels it once {@code waiting}
     * (e.g. the first status poll was received), and checks that the target answered within 800 ms
     * of the cancel: well before its next poll, when the target polls rarely.
     *
     * @param detach whether the cancel is a shutdown under {@code onShutdown: detach}
     */
    static AttemptResult cancelOnceWaiting(JobTarget target, FireIdentity fire, BooleanSupplier waiting, boolean detach)
            throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<AttemptResult> run = CompletableFuture.supplyAsync(() -> target.run(
                new Attempt(fire, 1, 17, Duration.ofMinutes(10), cancelled::get, () -> detach && cancelled.get())));
        await().atMost(Duration.ofSeconds(5)).until(waiting::getAsBoolean);
        long cancelledAt = System.nanoTime();
        cancelled.set(true);
        AttemptResult r = run.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofMillis(800));
        return r;
    }
}
