package dev.cutover.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs an action per key (e.g. publishing one user's Home) on request, at most once per gap per
 * key: requests while one is due fold into it, and a request with a shorter gap (a user opening
 * their Home) brings the due run forward. The action reads the newest state when it runs, so a
 * folded request loses nothing. Thread safe.
 */
final class KeyedCoalescer {
    /** Per key. Guarded by itself. */
    private static final class Slot {
        boolean scheduled;
        long due;
        long last;
        boolean ever;
        long generation; // a run whose generation is not the slot's was superseded

        @Nullable
        ScheduledFuture<?> timer;
    }

    private final ScheduledExecutorService timers;
    private final Consumer<String> action;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param timers runs the actions; owned by the caller
     * @param action what to run for a key; its exceptions are the caller's to catch
     */
    KeyedCoalescer(ScheduledExecutorService timers, Consumer<String> action) {
        this.timers = timers;
        this.action = action;
    }

    /**
     * Runs the action for {@code key} at once if it did not run within {@code gap}, else when that
     * gap is over; nothing more when a run is already due by then. Returns at once.
     */
    void request(String key, Duration gap) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            long now = System.nanoTime();
            long due = slot.ever ? Math.max(now, slot.last + gap.toNanos()) : now;
            if (slot.scheduled && due - slot.due >= 0) {
                return;
            }
            long generation = ++slot.generation;
            if (slot.timer != null) {
                slot.timer.cancel(false);
            }
            try {
                slot.timer = timers.schedule(() -> run(key, slot, generation), due - now, TimeUnit.NANOSECONDS);
                slot.scheduled = true;
                slot.due = due;
            } catch (RejectedExecutionException e) {
                slot.scheduled = false; // closing: nothing runs any more
            }
        }
    }

    /** True when no action is due or running. */
    boolean idle() {
        if (running.get() > 0) {
            return false;
        }
        for (Slot s : slots.values()) {
            synchronized (s) {
                if (s.scheduled) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True when no action is running or due within {@code horizon} from now: an action scheduled
     * for later (a paced re-run) does not count.
     */
    boolean idleWithin(Duration horizon) {
        if (running.get() > 0) {
            return false;
        }
        long now = System.nanoTime();
        for (Slot s : slots.values()) {
            synchronized (s) {
                if (s.scheduled && s.due - now <= horizon.toNanos()) {
                    return false;
                }
            }
        }
        return true;
    }

    private void run(String key, Slot slot, long generation) {
        running.incrementAndGet();
        try {
            synchronized (slot) {
                if (slot.generation != generation) {
                    return; // a sooner run took its place
                }
                slot.scheduled = false;
                slot.timer = null;
                slot.last = System.nanoTime();
                slot.ever = true;
            }
            action.accept(key);
        } finally {
            running.decrementAndGet();
        }
    }
}
