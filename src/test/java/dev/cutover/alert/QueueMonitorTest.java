package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.AlertStepConfig;
import dev.cutover.config.QueueConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.QueueMetrics;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.memory.InMemoryQueueMetrics;
import dev.cutover.memory.InMemoryStateStore;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queue monitor over in-memory queue metrics and a clock the test moves. */
class QueueMonitorTest {
    static final String CHANNEL = "C0ALERTS01";
    static final String QUEUE = "orders-worker";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final InMemoryQueueMetrics queueMetrics = new InMemoryQueueMetrics(clock);
    final RecordingNotifier chat = new RecordingNotifier();
    final InMemoryStateStore<AlertState> store = new InMemoryStateStore<>();

    static WatchedQueue ordersWorker(String pair) {
        return WatchedQueue.of(new QueueConfig(
                QUEUE,
                List.of(
                        new AlertStepConfig(100.0, null, AlertLevel.WARNING),
                        new AlertStepConfig(300.0, null, AlertLevel.CRITICAL)),
                2,
                Duration.ofSeconds(60),
                0.1,
                CHANNEL,
                pair));
    }

    QueueMonitor monitor(WatchedQueue q, QueueMetrics metrics, CutoverThreads threads) {
        return new QueueMonitor(List.of(q), metrics, store, new QueueAlertPoster(chat, threads), clock);
    }

    QueueMetrics queueMetrics() {
        return queueMetrics;
    }

    void pollAt(QueueMonitor m, double visible) {
        clock.advance(Duration.ofMinutes(1));
        queueMetrics.set(QUEUE, visible, 30.0);
        m.pollAll();
    }

    @Test
    void anAlertFiresEscalatesAndRecoversInOneMessageWithChangesInItsThread() {
        QueueMonitor m = monitor(ordersWorker(null), queueMetrics(), CutoverThreads.NONE);
        pollAt(m, 150);
        assertThat(chat.calls()).isEmpty(); // one poll is not enough
        pollAt(m, 160);
        assertThat(chat.of("post")).hasSize(1);
        MessageRef incident = chat.of("post").get(0).ref();
        assertThat(chat.of("post").get(0).message().text()).contains("orders-worker is warning");

        pollAt(m, 350);
        pollAt(m, 360);
        pollAt(m, 340);
        pollAt(m, 20);
        pollAt(m, 10);

        assertThat(chat.of("post")).hasSize(1); // never a second post
        assertThat(chat.of("reply"))
                .extracting(c -> c.message().text())
                .containsExactly(
                        ":rotating_light: *orders-worker* warning → critical: 360 visible, oldest 30 s.",
                        ":white_check_mark: *orders-worker* recovered after 6 min (10 visible).");
        assertThat(chat.of("reply")).allSatisfy(c -> assertThat(c.target()).isEqualTo(incident.ts()));
        RecordingNotifier.Call last = chat.last("update");
        assertThat(last.ref()).isEqualTo(incident);
        assertThat(last.message().text()).isEqualTo(":white_check_mark: orders-worker recovered after 6 min");
        assertThat(last.message().blocks().toString()).contains("peak 360").contains("▁");
        assertThat(m.state(QUEUE).orElseThrow().incident()).isNull();
    }

    @Test
    void failedPollsAreCountedAndNeverRecover() {
        boolean[] fail = {false};
        QueueMetrics flaky = (names, now) -> {
            if (fail[0]) {
                throw new IllegalStateException("ThrottlingException after retries");
            }
            return queueMetrics().read(names, now);
        };
        QueueMonitor m = monitor(ordersWorker(null), flaky, CutoverThreads.NONE);
        pollAt(m, 400);
        pollAt(m, 400);
        pollAt(m, 10); // one reading towards recovery
        fail[0] = true;
        pollAt(m, 10);
        pollAt(m, 10);
        fail[0] = false;

        assertThat(m.failedPolls()).isEqualTo(2);
        assertThat(m.state(QUEUE).orElseThrow().level()).isEqualTo(AlertLevel.CRITICAL);
        assertThat(chat.of("reply")).isEmpty();
        pollAt(m, 10); // the streak starts again after the failures
        assertThat(m.state(QUEUE).orElseThrow().level()).isEqualTo(AlertLevel.CRITICAL);
        pollAt(m, 10);
        assertThat(m.state(QUEUE).orElseThrow().level()).isEqualTo(AlertLevel.OK);
    }

    @Test
    void aQueueWithoutDatapointsIsNotRecovered() {
        QueueMonitor m = monitor(ordersWorker(null), (names, now) -> java.util.Map.of(), CutoverThreads.NONE);
        m.pollAll();
        assertThat(m.state(QUEUE)).isEmpty();
        assertThat(chat.calls()).isEmpty();
    }

    @Test
    void duringACutoverOfItsPairTheAlertGoesIntoTheCutoverThread() {
        MessageRef cutover = new MessageRef("C0DEPLOY01", "1699999999.000100");
        QueueMonitor m = monitor(
                ordersWorker("blue-green"),
                queueMetrics(),
                pair -> pair.equals("blue-green") ? Optional.of(cutover) : Optional.empty());
        pollAt(m, 150);
        pollAt(m, 150);
        pollAt(m, 400);
        pollAt(m, 400);

        assertThat(chat.of("post")).isEmpty();
        assertThat(chat.of("reply")).hasSize(2).allSatisfy(c -> assertThat(c.target())
                .isEqualTo(cutover.ts()));
        assertThat(chat.of("update")).isNotEmpty();
    }
}
