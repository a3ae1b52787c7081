package dev.cutover.core.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Reads the backlog of many queues at once (CloudWatch GetMetricData, or the sandbox). */
public interface QueueMetrics {
    /**
     * The newest reading of each queue.
     *
     * @param queueNames SQS queue names
     * @param now the end of the window looked at
     * @return a reading per queue that has data; a queue without datapoints (idle queues stop
     *     reporting) is absent
     * @throws RuntimeException when the read failed (after the SDK's retries); the poll is then failed
     */
    Map<String, QueueSample> read(Collection<String> queueNames, Instant now);
}
