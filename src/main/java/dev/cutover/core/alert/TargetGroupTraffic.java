package dev.cutover.core.alert;

import java.time.Instant;

/**
 * Reads the traffic of one load balancer target group over a window (CloudWatch's {@code
 * AWS/ApplicationELB} namespace, or in memory): what the cutover watch judges the new side by.
 */
public interface TargetGroupTraffic {
    /**
     * The target group's requests, 5XX responses and p95 response time between {@code from} and
     * {@code to}.
     *
     * @param loadBalancer the load balancer's metric dimension, {@code app/<name>/<id>}
     * @param targetGroup the target group's metric dimension, {@code targetgroup/<name>/<id>}
     * @param from the start of the window (callers align it to a minute: the metrics' period is 60 s)
     * @param to the end of the window, normally now
     * @return the traffic; {@link Traffic#NONE} when the target group has no datapoints in the window
     *     (an unknown target group is not an error: metrics simply do not exist for it)
     * @throws RuntimeException when the read failed (after the SDK's retries); the poll is then skipped
     */
    Traffic read(String loadBalancer, String targetGroup, Instant from, Instant to);
}
