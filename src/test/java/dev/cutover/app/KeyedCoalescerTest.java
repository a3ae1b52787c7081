package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-key coalescing behind the Home's re-publishes, on real timers. */
class KeyedCoalescerTest {
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    final List<String> runs = new CopyOnWriteArrayList<>();
    final KeyedCoalescer coalescer = new KeyedCoalescer(timers, runs::add);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    long count(String key) {
        return runs.stream().filter(key::equals).count();
    }

    @Test
    void aBurstOfRequestsRunsOnceAtOnceAndOnceMoreAfterTheGap() {
        Duration gap = Duration.ofMillis(700);
        coalescer.request("U1", gap);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("U1") == 1);

        for (int i = 0; i < 200; i++) {
            coalescer.request("U1", gap);
            coalescer.request("U2", gap);
        }

        // U1 ran just before: the burst is one more run, after the gap. U2 had not run: at once, and
        // once more after the gap for the requests that came while it ran.
        await().atMost(Duration.ofSeconds(5)).until(() -> count("U1") == 2 && count("U2") >= 1);
        await().during(Duration.ofMillis(1000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> count("U1") == 2 && count("U2") <= 2);
        assertThat(coalescer.idle()).isTrue();
    }

    @Test
    void aShorterGapBringsTheDueRunForward() {
        coalescer.request("U1", Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("U1") == 1);
        coalescer.request("U1", Duration.ofMinutes(10));
        assertThat(coalescer.idle()).isFalse();

        coalescer.request("U1", Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(5)).until(() -> count("U1") == 2);
        await().atMost(Duration.ofSeconds(5)).until(coalescer::idle);
        assertThat(count("U1")).isEqualTo(2);
    }

    @Test
    void aRunPacedForLaterIsNotWorkInProgress() {
        coalescer.request("U1", Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("U1") == 1);

        coalescer.request("U1", Duration.ofMinutes(10));

        assertThat(coalescer.idle()).isFalse();
        assertThat(coalescer.idleWithin(Duration.ofSeconds(2))).isTrue();
        assertThat(coalescer.idleWithin(Duration.ofMinutes(11))).isFalse();
    }
}
