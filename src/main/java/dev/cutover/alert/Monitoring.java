package dev.cutover.alert;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the queue, scaling and cutover monitors need from outside: the four AWS clients (real, or
 * the sandbox's) and where their shared state lives.
 *
 * @param sqs SQS, for near-real-time depth in {@code /cutover status}
 * @param cloudWatch CloudWatch, for queue and load balancer metrics
 * @param ecs ECS, for desired/running counts
 * @param autoScaling Application Auto Scaling, for scaling activities
 * @param stores the monitors' state stores ({@link StateStores#redis} with replicas)
 */
public record Monitoring(
        SqsClient sqs,
        CloudWatchClient cloudWatch,
        EcsClient ecs,
        ApplicationAutoScalingClient autoScaling,
        StateStores stores) {}
