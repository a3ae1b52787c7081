package dev.cutover.sandbox;

import dev.cutover.core.alert.ScalingActivity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox account's simulated queues, ECS services and load balancer target groups, behind
 * {@link SandboxSqsClient}, {@link SandboxCloudWatchClient}, {@link SandboxEcsClient} and {@link
 * SandboxAutoScalingClient}. The console changes it ({@link #setQueueDepth}, {@link #setService},
 * {@link #setTargetGroup}) and the real adapters read it through the SDK interfaces. Thread-safe.
 */
public final class SandboxMetrics {
    /** The seeded queue. */
    public static final String QUEUE = "orders-worker";
    /** The seeded service's cluster and name. */
    public static final String CLUSTER = "prod";

    public static final String SERVICE = "api";

    record Queue(double visible, double oldestAgeSeconds) {}

    record Service(int desired, int running) {}

    record TargetGroup(double requests, double errors, double p95Seconds) {}

    private final Clock clock;
    private final Map<String, Queue> queues = new HashMap<>();
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, TargetGroup> targetGroups = new HashMap<>();
    private final Map<String, List<ScalingActivity>> activities = new HashMap<>();
    private long activityCounter;

    /** An empty account; see {@link #seeded}. */
    public SandboxMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The demo account: queue {@value #QUEUE} empty, service {@value #CLUSTER}/{@value #SERVICE} at 2 of 2 tasks. */
    public static SandboxMetrics seeded(Clock clock) {
        SandboxMetrics m = new SandboxMetrics(clock);
        m.setQueueDepth(QUEUE, 0, 0);
        m.setService(CLUSTER, SERVICE, 2, 2);
        return m;
    }

    /**
     * Sets a queue's depth (creating the queue).
     *
     * @param visible ApproximateNumberOfMessagesVisible
     * @param oldestAgeSeconds ApproximateAgeOfOldestMessage, seconds
     */
    public synchronized void setQueueDepth(String queue, double visible, double oldestAgeSeconds) {
        queues.put(queue, new Queue(visible, oldestAgeSeconds));
    }

    /**
     * Sets a service's desired and running counts (creating the service); a change of desired count
     * records a Successful scaling activity, as Application Auto Scaling would.
     */
    public synchronized void setService(String cluster, String service, int desired, int running) {
        String key = cluster + "/" + service;
        Service before = services.put(key, new Service(desired, running));
        if (before != null && before.desired() != desired) {
            activities
                    .computeIfAbsent("service/" + key, k -> new ArrayList<>())
                    .add(
                            0,
                            new ScalingActivity(
                                    String.format("sandbox-%08d", ++activityCounter),
                                    "sandbox console set the desired count",
                                    "Setting desired count to " + desired + ".",
                                    "Successful",
                                    null,
                                    clock.instant()));
        }
    }

    /**
     * Sets the traffic of a target group per minute.
     *
     * @param targetGroup the CloudWatch dimension, {@code targetgroup/<name>/<id>}
     * @param requests RequestCount per minute
     * @param errors HTTPCode_Target_5XX_Count per minute
     * @param p95Seconds TargetResponseTime p95, seconds
     */
    public synchronized void setTargetGroup(String targetGroup, double requests, double errors, double p95Seconds) {
        targetGroups.put(targetGroup, new TargetGroup(requests, errors, p95Seconds));
    }

    synchronized Optional<Queue> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    synchronized Optional<Service> service(String cluster, String service) {
        return Optional.ofNullable(services.get(cluster + "/" + service));
    }

    synchronized Optional<TargetGroup> targetGroup(String name) {
        return Optional.ofNullable(targetGroups.get(name));
    }

    synchronized List<ScalingActivity> activities(String resourceId) {
        return List.copyOf(activities.getOrDefault(resourceId, List.of()));
    }

    /** Now, to the second: the timestamp of every datapoint the sandbox returns. */
    Instant now() {
        // Full precision: the alert machine ignores a reading no newer than the last one it counted,
        // and console commands change the depth several times within a second.
        return clock.instant();
    }
}
