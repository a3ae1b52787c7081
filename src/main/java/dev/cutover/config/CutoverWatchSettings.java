package dev.cutover.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code alerts.cutover:}: how the new side of an applied swap is watched.
 *
 * @param window how long to watch after the swap (default 10m)
 * @param pollInterval how often to read its metrics (default 30s)
 * @param maxErrorRate the highest acceptable HTTPCode_Target_5XX_Count / RequestCount, 0 to 1 (default 0.05)
 * @param maxP95Seconds the highest acceptable TargetResponseTime p95 in seconds (default 1.0)
 * @param minRequests the requests needed before the error rate counts (default 20)
 * @param sides which load balancer, target group and ECS service serve each alias target
 */
public record CutoverWatchSettings(
        Duration window,
        Duration pollInterval,
        Double maxErrorRate,
        Double maxP95Seconds,
        Integer minRequests,
        List<Side> sides) {

    /**
     * One side a swap can make live.
     *
     * @param target a part of the alias target's DNS name that identifies it, e.g. {@code green-alb}
     * @param loadBalancer the ALB's CloudWatch dimension, {@code app/<name>/<id>}
     * @param targetGroup the target group's CloudWatch dimension, {@code targetgroup/<name>/<id>}
     * @param cluster the ECS cluster of the service behind it, or null
     * @param service the ECS service behind it, or null
     */
    public record Side(String target, String loadBalancer, String targetGroup, String cluster, String service) {
        public Side {
            if (target == null || target.isBlank()) {
                throw ConfigException.invalid("target", "required; part of the alias DNS name, e.g. green-alb");
            }
            if (loadBalancer == null || !loadBalancer.startsWith("app/")) {
                throw ConfigException.invalid("loadBalancer", "required; app/<name>/<id> as in CloudWatch");
            }
            if (targetGroup == null || !targetGroup.startsWith("targetgroup/")) {
                throw ConfigException.invalid("targetGroup", "required; targetgroup/<name>/<id> as in CloudWatch");
            }
            if ((cluster == null) != (service == null)) {
                throw ConfigException.invalid("service", "give cluster and service together");
            }
        }
    }

    public CutoverWatchSettings {
        window = window == null ? Duration.ofMinutes(10) : window;
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofHours(6)) > 0) {
            throw ConfigException.invalid("window", "must be between 1m and 6h");
        }
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.compareTo(window) > 0) {
            throw ConfigException.invalid("pollInterval", "must be at least 1s and at most the window");
        }
        maxErrorRate = maxErrorRate == null ? 0.05 : maxErrorRate;
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw ConfigException.invalid("maxErrorRate", "must be a fraction from 0 to 1, e.g. 0.05");
        }
        maxP95Seconds = maxP95Seconds == null ? 1.0 : maxP95Seconds;
        if (!(maxP95Seconds > 0)) {
            throw ConfigException.invalid("maxP95Seconds", "must be a number of seconds above 0");
        }
        minRequests = minRequests == null ? 20 : minRequests;
        if (minRequests < 0) {
            throw ConfigException.invalid("minRequests", "must not be negative");
        }
        sides = sides == null ? List.of() : List.copyOf(sides);
    }

    /** Every default. */
    public static CutoverWatchSettings defaults() {
        return new CutoverWatchSettings(null, null, null, null, null, null);
    }
}
