package dev.cutover.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.Traffic;
import dev.cutover.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The in-memory alert ports keep the contracts their javadoc states. */
class InMemoryAlertPortsTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);

    @Test
    void trafficIsWhatWasSetAndNoneForAnUnknownTargetGroup() {
        InMemoryTargetGroupTraffic traffic = new InMemoryTargetGroupTraffic();
        Traffic t = new Traffic(200, 3, OptionalDouble.of(0.3));
        traffic.set("targetgroup/green/1", t);

        assertThat(traffic.read("app/alb/1", "targetgroup/green/1", T0, T0.plusSeconds(60)))
                .isEqualTo(t);
        assertThat(traffic.read("app/alb/1", "targetgroup/blue/2", T0, T0.plusSeconds(60)))
                .isEqualTo(Traffic.NONE);
    }

    @Test
    void queueDepthIsStampedAtTheReadAndAnUnknownQueueIsAnError() {
        InMemoryQueueDepth depth = new InMemoryQueueDepth(clock);
        depth.set("orders", 42);
        clock.advance(Duration.ofSeconds(5));

        assertThat(depth.read("orders")).isEqualTo(new QueueSample(T0.plusSeconds(5), 42, null));
        assertThatThrownBy(() -> depth.read("nope")).isInstanceOf(IllegalArgumentException.class);
    }

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
