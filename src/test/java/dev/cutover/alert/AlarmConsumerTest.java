package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.core.alert.AlarmInbox;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.testing.FakeAlarmInbox;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The alarm reader's readiness: overdue while its queue cannot be read, fresh again after a read. */
class AlarmConsumerTest {
    final CutoverConfig config = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get))
            .parse("c.yml", "alarms:\n  routes:\n    - alarm: a\n      channel: C0A1\n");
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T21:00:00Z"));
    final AtomicBoolean down = new AtomicBoolean(true);
    final AtomicInteger receives = new AtomicInteger();
    final AlarmInbox inbox = new FakeAlarmInbox(() -> {
        receives.incrementAndGet();
        if (down.get()) {
            throw new IllegalStateException("SQS unreachable");
        }
        return List.of();
    });

    @Test
    void anUnreadableQueueIsOverdueAfterThreeReadIntervalsAndFreshAfterTheNextRead() throws Exception {
        AlarmMonitor monitor = new AlarmMonitor(
                config,
                new InMemoryStateStore<>(),
                new InMemoryStateStore<>(),
                new RecordingNotifier(),
                CutoverThreads.NONE);
        AlarmConsumer c = new AlarmConsumer(inbox, "q", monitor, Duration.ofMillis(10), clock);
        assertThat(c.overdue()).isEmpty();
        c.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> c.failedReceives() >= 2);
            assertThat(c.overdue()).isEmpty();
            clock.advance(Duration.ofSeconds(91));
            assertThat(c.overdue()).singleElement().asString().startsWith("alarm queue (last read 91 s ago");
            assertThat(c.running()).isTrue();

            down.set(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> c.overdue().isEmpty());
        } finally {
            c.close();
            assertThat(c.awaitStopped(Duration.ofSeconds(5))).isTrue();
        }
    }
}
