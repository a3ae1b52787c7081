package dev.cutover.core.alert;

import java.util.Objects;

/**
 * Everything the queue, scaling and cutover monitors read from outside, as ports: AWS in
 * production, the simulated account in the sandbox, in memory in tests.
 *
 * @param queueMetrics queue backlogs for the queue monitor (CloudWatch)
 * @param queueDepth near-real-time depth for {@code /cutover status} (SQS)
 * @param services desired/running counts (ECS)
 * @param scaling scaling activities (Application Auto Scaling)
 * @param traffic target group traffic for the cutover watch (CloudWatch)
 * @param stores the monitors' shared state
 * @param alarms the queue CloudWatch alarm state changes arrive on (SQS)
 */
public record AlertPorts(
        QueueMetrics queueMetrics,
        QueueDepth queueDepth,
        ServiceStatus services,
        ScalingHistory scaling,
        TargetGroupTraffic traffic,
        StateStores stores,
        AlarmInbox alarms) {
    public AlertPorts {
        Objects.requireNonNull(queueMetrics, "queueMetrics");
        Objects.requireNonNull(queueDepth, "queueDepth");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(alarms, "alarms");
    }

    /** Ports without an alarm queue. */
    public AlertPorts(
            QueueMetrics queueMetrics,
            QueueDepth queueDepth,
            ServiceStatus services,
            ScalingHistory scaling,
            TargetGroupTraffic traffic,
            StateStores stores) {
        this(queueMetrics, queueDepth, services, scaling, traffic, stores, AlarmInbox.NONE);
    }
}
