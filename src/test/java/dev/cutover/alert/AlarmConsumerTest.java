package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * Regression: a body past Jackson's limits threw a NullPointerException that ended the reading
     * thread on every replica in turn. Bad messages stay in the queue and the next one is read.
     */
    @Test
    void poisonAndFutureDatedMessagesAreLeftAndTheNextOneIsHandled() {
        RecordingNotifier notifier = new RecordingNotifier();
        CutoverConfig orders = new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get))
                .parse("c.yml", "alarms:\n  routes:\n    - alarm: orders-*\n      channel: C0A1\n");
        AlarmMonitor monitor = new AlarmMonitor(
                orders, new InMemoryStateStore<>(), new InMemoryStateStore<>(), notifier, CutoverThreads.NONE, clock);
        ObjectNode future = AlarmQueueIT.fixture("eventbridge-state-change.json");
        ((ObjectNode) future.path("detail").path("state")).put("timestamp", "2999-01-01T00:00:00.000+0000");
        ObjectNode real = AlarmQueueIT.fixture("eventbridge-state-change.json");
        AtomicInteger batches = new AtomicInteger();
        FakeAlarmInbox queue = new FakeAlarmInbox(() -> batches.getAndIncrement() == 0
                ? List.of(
                        new AlarmInbox.Received("m1", "r1", "[".repeat(5_000)),
                        new AlarmInbox.Received("m2", "r2", future.toString()),
                        new AlarmInbox.Received("m3", "r3", real.toString()))
                : List.of());
        AlarmConsumer c = new AlarmConsumer(queue, "q", monitor, Duration.ofMillis(10), clock);
        c.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> c.handled() == 1);
            assertThat(queue.deleted).containsExactly("r3");
            assertThat(c.malformed()).isEqualTo(2);
            assertThat(c.running()).isTrue();
            assertThat(notifier.of("post")).singleElement();
        } finally {
            c.close();
        }
    }
}
