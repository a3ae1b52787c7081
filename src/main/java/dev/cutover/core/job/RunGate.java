package dev.cutover.core.job;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Tracks the runs in flight on this instance, for graceful shutdown: waits for them a bounded time,
 * then aborts them (attempts see {@link Attempt#cancelled()}, backoff waits end) and releases their
 * locks. Also owns the wait between attempts, so tests can replace it.
 */
public final class RunGate {
    /** Waits {@code delay} between attempts, returning early once {@code abort} is counted down. */
    @FunctionalInterface
    public interface Pauser {
        void pause(Duration delay, CountDownLatch abort) throws InterruptedException;
    }

    private final Pauser pauser;
    private final DoubleSupplier random;
    private final CountDownLatch abort = new CountDownLatch(1);
    private final Set<LeaseKeeper> keepers = ConcurrentHashMap.newKeySet();
    /** Keepers of runs that may detach on shutdown: their runner decides about the lock. */
    private final Set<LeaseKeeper> detachable = ConcurrentHashMap.newKeySet();

    private final Object idle = new Object();
    private int inFlight;

    /**
     * @param pauser how to wait between attempts
     * @param random uniform numbers in [0, 1) for backoff jitter
     */
    public RunGate(Pauser pauser, DoubleSupplier random) {
        this.pauser = pauser;
        this.random = random;
    }

    /** Real waits (cut short by {@link #abort()}) and real randomness. */
    public static RunGate standard() {
        return new RunGate(
                (d, abort) -> abort.await(d.toMillis(), TimeUnit.MILLISECONDS),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Waits until no run is in flight, at most {@code timeout}.
     *
     * @return true when idle
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
            return true;
        }
    }

    /**
     * Tells running attempts to stop, ends backoff waits and releases every held lock but those of
     * runs that may detach ({@code onShutdown: detach}): their runner releases the lock once the
     * target stopped, or leaves it to lapse when the remote work was left running.
     */
    public void abort() {
        abort.countDown();
        keepers.stream().filter(k -> !detachable.contains(k)).forEach(LeaseKeeper::close);
    }

    /** Whether {@link #abort()} was called. */
    public boolean aborted() {
        return abort.getCount() == 0;
    }

    /** The number of runs in flight. */
    public int inFlight() {
        synchronized (idle) {
            return inFlight;
        }
    }

    void enter() {
        synchronized (idle) {
            inFlight++;
        }
    }

    void exit() {
        synchronized (idle) {
            inFlight--;
            idle.notifyAll();
        }
    }

    void track(LeaseKeeper k, boolean mayDetach) {
        if (mayDetach) {
            detachable.add(k);
        }
        keepers.add(k);
    }

    void untrack(LeaseKeeper k) {
        keepers.remove(k);
        detachable.remove(k);
    }

    double random() {
        return random.getAsDouble();
    }

    void pause(Duration delay) {
        try {
            pauser.pause(delay, abort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
