package dev.cutover.core.job;

import dev.cutover.core.lock.Lease;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a lease every third of its TTL while a run lasts, and remembers when a renewal failed: a
 * holder that may have lost its lock must not touch the target again. Two missed renewals still
 * leave a third of the TTL, so one slow round trip does not lose the lock.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private final Lease lease;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledFuture<?> task;
    private final AtomicBoolean closed = new AtomicBoolean();

    LeaseKeeper(Lease lease, ScheduledExecutorService timer) {
        this.lease = lease;
        long period = Math.max(1, lease.lease().toMillis() / 3);
        this.task = timer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        if (lost.get()) {
            return;
        }
        try {
            if (!lease.renew()) {
                log.warn("lease on {} lost: the lock expired or another holder took it", lease.name());
                lost.set(true);
            }
        } catch (RuntimeException e) {
            // Ownership is unknown; treat as lost so the target is not touched again (fail closed).
            log.warn("lease on {} could not be renewed: {}", lease.name(), e.toString());
            lost.set(true);
        }
    }

    /** The lease's fencing token. */
    long fencingToken() {
        return lease.fencingToken();
    }

    /** Whether a renewal failed. */
    boolean lost() {
        return lost.get();
    }

    /** Stops renewing and releases the lock (if still ours). */
    @Override
    public void close() {
        task.cancel(false);
        if (closed.compareAndSet(false, true)) {
            lease.release();
        }
    }
}
