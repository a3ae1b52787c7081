package dev.cutover.memory;

import dev.cutover.core.alert.QueueDepth;
import dev.cutover.core.alert.QueueDepthContract;
import java.time.Clock;

class InMemoryQueueDepthTest extends QueueDepthContract {
    @Override
    protected QueueDepth withQueue(double visible, Clock clock) {
        InMemoryQueueDepth depth = new InMemoryQueueDepth(clock);
        depth.set(QUEUE, visible);
        return depth;
    }
}
