package dev.cutover.core.swap;

import java.time.Duration;

/**
 * Runs a check later, on a timer thread: how the swap use case looks again for something whose
 * outcome it could not know at once, without a sleep on the thread that asked (port; the
 * composition root backs it with its timer threads).
 */
@FunctionalInterface
public interface Rechecks {
    /** Never run: for wiring that has no timer (tests of other parts, the pre-ack checks). */
    Rechecks NONE = (delay, check) -> {};

    /**
     * Runs {@code check} once, about {@code delay} from now, on another thread; returns at once.
     * The check handles its own failures.
     */
    void schedule(Duration delay, Runnable check);
}
