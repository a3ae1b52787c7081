package dev.cutover.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The contract of {@link TargetGroupTraffic}, run against every implementation. */
public abstract class TargetGroupTrafficContract {
    protected static final String LOAD_BALANCER = "app/green-alb/0123456789abcdef";
    protected static final String TARGET_GROUP = "targetgroup/green-tg/0123456789abcdef";
    protected static final Instant NOW = Instant.parse("2026-01-01T10:15:00Z");

    /** A port on which {@code targetGroup} had {@code traffic} in the window ending {@link #NOW}. */
    protected abstract TargetGroupTraffic withTraffic(String loadBalancer, String targetGroup, Traffic traffic);

    /** A port on which no target group has datapoints. */
    protected abstract TargetGroupTraffic withoutTraffic();

    @Test
    void readsTheRequestsTheErrorsAndTheP95OfTheWindow() {
        Traffic t = new Traffic(250, 7, OptionalDouble.of(0.25));

        assertThat(withTraffic(LOAD_BALANCER, TARGET_GROUP, t)
                        .read(LOAD_BALANCER, TARGET_GROUP, NOW.minusSeconds(300), NOW))
                .isEqualTo(t);
    }

    @Test
    void aTargetGroupWithoutDatapointsHasNoTrafficRatherThanAnError() {
        assertThat(withoutTraffic().read(LOAD_BALANCER, TARGET_GROUP, NOW.minusSeconds(300), NOW))
                .isEqualTo(Traffic.NONE);
    }
}
