package dev.cutover.core.job;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One attempt of one fire, as a target sees it.
 *
 * @param fire the fire identity: the idempotency key to pass downstream
 * @param number the attempt number, 1-based
 * @param fencingToken the lock's fencing token, to pass downstream so stale holders can be refused;
 *     0 when the job runs without a lock
 * @param timeout the longest this attempt may take
 * @param cancelled turns true when the attempt must stop early (lease lost, shutdown)
 * @param detaching true when a cancellation is the bot's shutdown and the job says {@code
 *     onShutdown: detach}: the target then leaves its remote work running instead of stopping it
 */
public record Attempt(
        FireIdentity fire,
        int number,
        long fencingToken,
        Duration timeout,
        BooleanSupplier cancelled,
        BooleanSupplier detaching) {
    /** How often {@link #await} looks at {@link #cancelled}. */
    static final long CANCEL_CHECK_MILLIS = 200;

    /** An attempt that is stopped, never detached, when cancelled. */
    public Attempt(FireIdentity fire, int number, long fencingToken, Duration timeout, BooleanSupplier cancelled) {
        this(fire, number, fencingToken, timeout, cancelled, () -> false);
    }

    /** Whether the attempt must stop early. */
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    /** Whether a cancelled attempt leaves its remote work running (see {@link #detaching()}). */
    public boolean isDetaching() {
        return detaching.getAsBoolean();
    }

    /**
     * Waits for {@code work} (the target's wait for its remote work, started at {@code startNanos} of
     * {@link System#nanoTime()}) until it completes, the attempt's timeout has passed since then, or
     * the attempt is cancelled, which is looked at every 200 ms; a cancel is thus noticed promptly
     * even while {@code work} sleeps between polls. Leaves {@code work} running when it throws.
     *
     * @return what {@code work} returned
     * @throws TimeoutException when the timeout passed first
     * @throws CancellationException when the attempt was cancelled first
     * @throws ExecutionException when {@code work} failed (its cause)
     * @throws InterruptedException when the calling thread was interrupted
     */
    public <T> T await(Future<T> work, long startNanos)
            throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        long slice = TimeUnit.MILLISECONDS.toNanos(CANCEL_CHECK_MILLIS);
        while (true) {
            if (isCancelled()) {
                throw new CancellationException("attempt cancelled");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("attempt timed out");
            }
            try {
                return work.get(Math.min(left, slice), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // not done yet: look at the cancel flag and the deadline again
            }
        }
    }
}
