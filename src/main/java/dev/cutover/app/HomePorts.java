package dev.cutover.app;

import dev.cutover.core.home.HomeSurface;
import dev.cutover.core.home.HomeViewers;
import dev.cutover.core.home.PublishBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * What the App Home runs on.
 *
 * @param surface publishes a user's Home (Slack's {@code views.publish})
 * @param viewers who opened their Home lately, shared by the replicas (Redis, or in memory for one)
 * @param budget the workspace's {@code views.publish} calls in the last minute, shared the same way
 * @param interval the least time between two publishes of one user's Home after changes ({@code
 *     views.publish} allows about 100 calls a minute per workspace)
 */
public record HomePorts(HomeSurface surface, HomeViewers viewers, PublishBudget budget, Duration interval) {
    /** The default {@link #interval}: at most four re-publishes a minute per user. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    public HomePorts {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(viewers, "viewers");
        Objects.requireNonNull(budget, "budget");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
    }
}
