package dev.cutover.memory;

import dev.cutover.core.alert.QueueMetrics;
import dev.cutover.core.alert.QueueSample;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link QueueMetrics} in this process, for tests: the depth and age last {@link #set} per queue,
 * stamped with the clock's time at the read (so each read is newer than the last one counted). A
 * queue never set has no datapoints and is absent. Thread-safe.
 */
public final class InMemoryQueueMetrics implements QueueMetrics {
    private record Depth(double visible, @Nullable Double oldestAgeSeconds) {}

    private final Clock clock;
    private final Map<String, Depth> queues = new ConcurrentHashMap<>();

    public InMemoryQueueMetrics(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sets a queue's backlog (creating the queue).
     *
     * @param visible ApproximateNumberOfMessagesVisible
     * @param oldestAgeSeconds ApproximateAgeOfOldestMessage in seconds, or null when unknown
     */
    public void set(String queue, double visible, @Nullable Double oldestAgeSeconds) {
        queues.put(queue, new Depth(visible, oldestAgeSeconds));
    }

    @Override
    public Map<String, QueueSample> read(Collection<String> queueNames, Instant now) {
        Map<String, QueueSample> out = new LinkedHashMap<>();
        for (String q : queueNames) {
            Depth d = queues.get(q);
            if (d != null) {
                out.put(q, new QueueSample(clock.instant(), d.visible(), d.oldestAgeSeconds()));
            }
        }
        return out;
    }
}
