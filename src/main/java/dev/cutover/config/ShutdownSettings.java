package dev.cutover.config;

import java.time.Duration;

/**
 * The {@code shutdown:} section: how long {@code serve} takes to stop on SIGTERM.
 *
 * <p>ECS sends SIGKILL {@code stopTimeout} after SIGTERM (30 s by default, at most 120 s) and
 * Kubernetes after {@code terminationGracePeriodSeconds} (30 s by default): the grace must end
 * before that, so the default is 25 s.
 *
 * @param grace how long in-flight work may take to finish after SIGTERM before what is left is
 *     handed back (default 25s; from 1s to 115s)
 */
public record ShutdownSettings(Duration grace) {
    /** The default grace, under ECS's and Kubernetes's default 30 s. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);

    public ShutdownSettings {
        grace = grace == null ? DEFAULT_GRACE : grace;
        if (grace.compareTo(Duration.ofSeconds(1)) < 0 || grace.compareTo(Duration.ofSeconds(115)) > 0) {
            throw ConfigException.invalid(
                    "grace", "expected a duration from 1s to 115s (ECS kills the task 120 s after SIGTERM at most)");
        }
    }

    /** The defaults: a 25 s grace. */
    public static ShutdownSettings defaults() {
        return new ShutdownSettings(null);
    }
}
