package dev.cutover.core.alert;

/**
 * An ECS service's task counts.
 *
 * @param desired the desired count
 * @param running tasks RUNNING
 * @param pending tasks PENDING
 */
public record ServiceCounts(int desired, int running, int pending) {}
