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
 * then aborts them (attempts see {@link Attempt#cancelled()}, backoff waits end). Each run releases
 * its own lock once its target's stop returned (StopTask or StopExecution answered, the process group
 * gone); the locks of runs still going when the grace ends are {@link #holdRemaining() left to
 * lapse}, never released under work that may still run. Also owns the wait between attempts, so
 * tests can replace it.
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
     * Tells running attempts to stop and ends backoff waits. Locks stay held (and renewed) while the
     * targets stop: each run releases its own once its target's stop returned.
     */
    public void abort() {
        abort.countDown();
    }

    /**
     * For the runs still going when the shutdown grace is spent: stops renewing their locks without
     * releasing them, so each lapses at the end of its lease, and logs one line per lock.
     *
     * @return how many locks were left to lapse
     */
    public int holdRemaining() {
        int n = 0;
        for (LeaseKeeper k : keepers) {
            if (k.holdUnstopped("the run did not stop within the shutdown grace")) {
                n++;
            }
        }
        return n;
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

    void track(LeaseKeeper k) {
        keepers.add(k);
    }

    void untrack(LeaseKeeper k) {
        keepers.remove(k);
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
