package dev.cutover.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void ceilingDoublesUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void delayIsBetweenHalfTheCeilingAndTheCeiling() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(attempt)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }

    @Test
    void delaysAreJittered() {
        assertThat(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> backoff.delay(10))
                        .distinct()
                        .count())
                .isGreaterThan(1);
    }

    @Test
    void capBelowBaseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
