package dev.cutover.memory;

import dev.cutover.core.home.PublishBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** A {@link PublishBudget} for one replica: the publish times of the last window, in memory. */
public final class InMemoryPublishBudget implements PublishBudget {
    private final Deque<Instant> taken = new ArrayDeque<>();

    @Override
    public synchronized Duration take(boolean open, Instant now) {
        Instant from = now.minus(WINDOW);
        while (!taken.isEmpty() && !taken.peekFirst().isAfter(from)) {
            taken.removeFirst();
        }
        int limit = PublishBudget.limit(open);
        if (taken.size() < limit) {
            taken.addLast(now);
            return Duration.ZERO;
        }
        // Room comes when the publish at (size - limit) leaves the window.
        Iterator<Instant> it = taken.iterator();
        for (int i = 0; i < taken.size() - limit; i++) {
            it.next();
        }
        Duration wait = Duration.between(now, it.next().plus(WINDOW));
        return wait.compareTo(Duration.ZERO) > 0 ? wait : Duration.ofMillis(1);
    }
}
