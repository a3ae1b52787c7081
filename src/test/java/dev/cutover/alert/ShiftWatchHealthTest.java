package dev.cutover.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.CutoverWatchSettings;
import dev.cutover.core.alert.ServiceCounts;
import dev.cutover.core.alert.Traffic;
import dev.cutover.core.traffic.ShiftHealth;
import dev.cutover.memory.InMemoryServiceStatus;
import dev.cutover.memory.InMemoryTargetGroupTraffic;
import dev.cutover.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A shift's health is the cutover watch's reading of green, judged by alerts.cutover's thresholds. */
class ShiftWatchHealthTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final CutoverWatchSettings.Side GREEN =
            new CutoverWatchSettings.Side("green-alb", "app/green-alb/1", "targetgroup/green/1", "prod", "web-green");

    final InMemoryTargetGroupTraffic traffic = new InMemoryTargetGroupTraffic();
    final InMemoryServiceStatus ecs = new InMemoryServiceStatus();
    final MutableClock clock = new MutableClock(T0.plusSeconds(90));
    final ShiftWatchHealth health =
            new ShiftWatchHealth(traffic, ecs, CutoverWatchSettings.defaults(), Map.of("web", GREEN), clock);

    @Test
    void aHealthyGreenSideReadsWithItsFigures() {
        traffic.set("targetgroup/green/1", new Traffic(1200, 5, OptionalDouble.of(0.21)));
        ecs.set("prod", "web-green", new ServiceCounts(3, 3, 0));

        ShiftHealth.Reading r = health.read("web", T0);

        assertThat(r.healthy()).isTrue();
        assertThat(r.confirmed()).isTrue();
        assertThat(r.summary()).isEqualTo("5XX 0.4% of 1200 · p95 0.21 s · 3/3 tasks (limits: 5XX 5.0%, p95 1.00 s)");
    }

    @Test
    void eachCrossedThresholdOfTheCutoverWatchIsABreach() {
        traffic.set("targetgroup/green/1", new Traffic(500, 60, OptionalDouble.of(1.5)));
        ecs.set("prod", "web-green", new ServiceCounts(3, 2, 1));

        ShiftHealth.Reading r = health.read("web", T0);

        assertThat(r.breaches())
                .containsExactly(
                        "5XX error rate 12.0% (60 of 500 requests) is above 5.0%",
                        "p95 response time 1.50 s is above 1.00 s", "running 2 is below desired 3");
    }

    @Test
    void aPairWithoutAWatchedGreenSideIsNotWatchedAndItsHealthIsNotConfirmed() {
        ShiftHealth.Reading r = health.read("other", T0);

        assertThat(r.summary()).startsWith("not watched");
        assertThat(r.healthy()).isTrue();
        assertThat(r.confirmed()).isFalse();
        assertThat(r.unconfirmed()).isEqualTo("green is not watched (no alerts.cutover side for it)");
    }

    @Test
    void aGreenSideWithoutRequestsIsNotConfirmedHealthy() {
        traffic.set("targetgroup/green/1", new Traffic(0, 0, OptionalDouble.empty()));
        ecs.set("prod", "web-green", new ServiceCounts(3, 3, 0));

        ShiftHealth.Reading r = health.read("web", T0);

        assertThat(r.healthy()).isTrue();
        assertThat(r.confirmed()).isFalse();
        assertThat(r.unconfirmed()).isEqualTo("green received no requests during the bake");
    }

    @Test
    void aGreenSideWithFewerRequestsThanTheWatchNeedsIsNotConfirmedHealthy() {
        traffic.set("targetgroup/green/1", new Traffic(7, 0, OptionalDouble.of(0.1)));

        ShiftHealth.Reading r = health.read("web", T0);

        assertThat(r.confirmed()).isFalse();
        assertThat(r.unconfirmed()).isEqualTo("green received only 7 requests during the bake (fewer than 20)");
    }

    @Test
    void aReadingIsKeptForThePollIntervalThenReadAgain() {
        traffic.set("targetgroup/green/1", new Traffic(1200, 5, OptionalDouble.of(0.21)));
        assertThat(health.read("web", T0).healthy()).isTrue();
        traffic.set("targetgroup/green/1", new Traffic(500, 60, OptionalDouble.of(0.21)));

        clock.advance(java.time.Duration.ofSeconds(29));
        assertThat(health.read("web", T0).healthy()).isTrue();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(health.read("web", T0).healthy()).isFalse();
    }
}
