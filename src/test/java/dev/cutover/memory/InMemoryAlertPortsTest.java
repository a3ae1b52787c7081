package dev.cutover.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory queue metrics, service status and scaling history keep the contracts their ports'
 * javadoc states (traffic and queue depth have contract suites).
 */
class InMemoryAlertPortsTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);

    @Test
    void queueMetricsLeaveOutQueuesWithoutData() {
        InMemoryQueueMetrics metrics = new InMemoryQueueMetrics(clock);
        metrics.set("orders", 340, 95.0);

        assertThat(metrics.read(List.of("orders", "idle"), T0))
                .containsExactly(Map.entry("orders", new QueueSample(T0, 340, 95.0)));
    }

    @Test
    void serviceStatusLeavesOutUnknownServices() {
        InMemoryServiceStatus services = new InMemoryServiceStatus();
        services.set("prod", "api", new ServiceCounts(3, 2, 1));

        assertThat(services.describe("prod", List.of("api", "gone")))
                .containsExactly(Map.entry("api", new ServiceCounts(3, 2, 1)));
        assertThat(services.describe("staging", List.of("api"))).isEmpty();
    }

    @Test
    void scalingHistoryStartsAtTheNewestThenReadsUntilTheLastSeen() {
        InMemoryScalingHistory history = new InMemoryScalingHistory();
        assertThat(history.newerThan("service/prod/api", null)).isEmpty();
        history.add("service/prod/api", activity("a1"));
        history.add("service/prod/api", activity("a2"));
        history.add("service/prod/api", activity("a3"));

        assertThat(history.newerThan("service/prod/api", null))
                .extracting(ScalingActivity::id)
                .containsExactly("a3");
        assertThat(history.newerThan("service/prod/api", "a1"))
                .extracting(ScalingActivity::id)
                .containsExactly("a3", "a2");
        assertThat(history.newerThan("service/prod/api", "a3")).isEmpty();
    }

    static ScalingActivity activity(String id) {
        return new ScalingActivity(id, "alarm", "Setting desired count to 2.", "Successful", null, T0);
    }
}
