package dev.cutover.core.job;

import dev.cutover.core.audit.LogContext;
import dev.cutover.core.lock.Lease;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a lease every third of its TTL while a run lasts, and says when the lease can no longer be
 * known to be held, so the holder stops touching the target.
 *
 * <p>A renewal that fails (timeout, connection error: ownership unknown) is retried at once, within
 * the lease's remaining time. The lease counts as lost only when the store said it is gone (expired
 * or taken over), or when a whole lease has passed since the start of the last renewal that was
 * confirmed: until then the lock is still ours whatever happened to the replies. So one slow round
 * trip (a Redis stall longer than the socket timeout) does not lose the lock; with the minimum lease
 * of three round trips (see {@code JobConfig#MIN_LEASE}) there is room for at least one retry.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private final Lease lease;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanos;
    private final long leaseNanos;
    private final long periodMillis;
    private final AtomicBoolean gone = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean givenUp = new AtomicBoolean();
    private volatile long confirmedAt;

    /**
     * @param acquiredAt {@link System#nanoTime()} just before the acquire was sent: the lock's TTL
     *     started no earlier than that
     */
    LeaseKeeper(Lease lease, ScheduledExecutorService timer, long acquiredAt) {
        this(lease, timer, System::nanoTime, acquiredAt);
    }

    /** @param nanos a monotonic clock in nanoseconds, the one {@code acquiredAt} was read from */
    LeaseKeeper(Lease lease, ScheduledExecutorService timer, LongSupplier nanos, long acquiredAt) {
        this.lease = lease;
        this.timer = timer;
        this.nanos = nanos;
        this.leaseNanos = lease.lease().toNanos();
        this.periodMillis = Math.max(1, lease.lease().toMillis() / 3);
        this.confirmedAt = acquiredAt;
        schedule(periodMillis);
    }

    private void schedule(long delayMillis) {
        if (!closed.get() && !lost()) {
            try {
                // Renewals log with the run's fields (job, fire, fencing token), and leave none behind.
                timer.schedule(LogContext.propagating(this::renew), delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("timer shut down; no more renewals of {}", lease.name());
            }
        }
    }

    private void renew() {
        if (closed.get() || givenUpNow()) {
            return;
        }
        long start = nanos.getAsLong();
        try {
            if (lease.renew()) {
                confirmedAt = start; // the TTL was reset no earlier than this
                schedule(periodMillis);
            } else {
                log.warn("lease on {} lost: the lock expired or another holder took it", lease.name());
                gone.set(true);
            }
        } catch (RuntimeException e) {
            if (givenUpNow()) {
                return;
            }
            long leftMs = TimeUnit.NANOSECONDS.toMillis(confirmedAt + leaseNanos - nanos.getAsLong());
            log.warn("lease on {} not renewed ({}); retrying within the {} ms left", lease.name(), e, leftMs);
            schedule(Math.max(10, Math.min(periodMillis / 10, 250)));
        }
    }

    /**
     * Whether the lease is {@link #lost()}; the first time it is found lost by running out of time
     * (no renewal confirmed within a whole lease, while the store never said it was gone), tells
     * the lease so ({@link Lease#givenUp()}), once.
     */
    private boolean givenUpNow() {
        if (!lost()) {
            return false;
        }
        if (!gone.get() && givenUp.compareAndSet(false, true)) {
            log.warn(
                    "lease on {} lost: no renewal confirmed within the {} ms lease",
                    lease.name(),
                    leaseNanos / 1_000_000);
            lease.givenUp();
        }
        return true;
    }

    /** The lease's fencing token. */
    long fencingToken() {
        return lease.fencingToken();
    }

    /**
     * Whether the lease is lost: the store said so, or a whole lease passed since the last confirmed
     * renewal (it may have expired, so the lock is no longer known to be ours).
     */
    boolean lost() {
        return gone.get() || nanos.getAsLong() - confirmedAt >= leaseNanos;
    }

    /**
     * Stops renewing and leaves the lock to lapse at the end of its lease: for a run whose remote
     * work goes on after the bot stopped, so the next slot cannot start beside it within the lease.
     */
    void hold() {
        closed.set(true);
    }

    /**
     * Stops renewing and leaves the lock to lapse, as {@link #hold()}, for a target whose stop was not
     * confirmed; logs one line saying so, unless the lock was already released or held.
     *
     * @param why why the target may still run
     * @return whether this call left the lock to lapse
     */
    boolean holdUnstopped(String why) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        log.warn(
                "lock {} left to lapse within {} s, not released: {}; the target's stop was not confirmed",
                lease.name(),
                lease.lease().toSeconds(),
                why);
        return true;
    }

    /** Stops renewing and releases the lock (if still ours and not {@link #hold() held}). */
    @Override
    public void close() {
        givenUpNow(); // the run may have seen the loss before the next renewal did
        if (closed.compareAndSet(false, true)) {
            lease.release();
        }
    }
}
