package dev.cutover.core.alert;

/**
 * Reads one queue's depth as it is now (SQS GetQueueAttributes, or in memory), for {@code /cutover
 * status}; {@link QueueMetrics} is the batched, minute-late reading the monitors poll.
 */
public interface QueueDepth {
    /**
     * The visible messages of {@code queue} now.
     *
     * @param queue a queue name or URL
     * @return a reading stamped with the read time; its {@code oldestAgeSeconds} is null (the age of
     *     the oldest message is known to CloudWatch only)
     * @throws RuntimeException when the queue does not exist or the read failed after retries
     */
    QueueSample read(String queue);
}
