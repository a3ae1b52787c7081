package dev.cutover.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The readiness rounds: bounded by the timeout, a hung check is never started twice, stopping wins. */
class ReadinessTest {
    @Test
    void aHungCheckFailsWithinTheTimeoutAndIsNotStartedAgainUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (Readiness r = new Readiness(Duration.ofSeconds(1), Duration.ofMillis(200))) {
            r.add("redis", () -> {
                calls.incrementAndGet();
                release.await();
                return null;
            });
            r.add("slack", () -> healthy.get() ? null : "no link");

            long start = System.nanoTime();
            r.round();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(r.failing()).isEqualTo(Map.of("redis", "no answer within 200 ms"));

            healthy.set(false);
            r.round();
            assertThat(calls).hasValue(1);
            assertThat(r.failing()).containsOnlyKeys("redis", "slack").containsEntry("slack", "no link");

            release.countDown();
            healthy.set(true);
            r.round();
            r.round();
            assertThat(r.failing()).isEmpty();
            // the hung call returned, so later rounds call again (once per round at most)
            assertThat(calls.get()).isBetween(2, 3);
        }
    }

    @Test
    void aThrowingCheckFailsWithItsExceptionNameAndStoppingOverridesEverything() {
        try (Readiness r = new Readiness(Duration.ofSeconds(1), Duration.ofMillis(500))) {
            r.add("clock", () -> {
                throw new IllegalStateException("secret detail");
            });
            assertThat(r.failing()).containsKey("startup");
            r.round();
            assertThat(r.failing()).isEqualTo(Map.of("clock", "IllegalStateException"));
            r.stopping();
            assertThat(r.failing()).isEqualTo(Map.of("shutdown", "the process is stopping"));
        }
    }
}
