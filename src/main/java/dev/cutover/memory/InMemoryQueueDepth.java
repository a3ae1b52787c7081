package dev.cutover.memory;

import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueSample;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link QueueDepth} in this process, for tests: the depth last {@link #set} per queue, stamped with
 * the clock's time at the read. A queue never set does not exist. Thread-safe.
 */
public final class InMemoryQueueDepth implements QueueDepth {
    private final Clock clock;
    private final Map<String, Double> visible = new ConcurrentHashMap<>();

    public InMemoryQueueDepth(Clock clock) {
        this.clock = clock;
    }

    /** Sets {@code queue}'s visible messages (creating the queue). */
    public void set(String queue, double visibleMessages) {
        visible.put(queue, visibleMessages);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code queue} was never set (SQS: QueueDoesNotExist)
     */
    @Override
    public QueueSample read(String queue) {
        Double v = visible.get(queue);
        if (v == null) {
            throw new IllegalArgumentException("The specified queue does not exist: " + queue);
        }
        return new QueueSample(clock.instant(), v, null);
    }
}
