package dev.cutover.ops;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock provider, measured by lock name (a job's name: bounded by the config):
 * {@code cutover_lock_acquisitions_total{lock,result}} with result {@code acquired}, {@code busy}
 * (someone else holds it: the run is skipped) or {@code unavailable} (the store did not answer:
 * failed closed), and {@code cutover_lock_renewals_total{lock,result}} with result {@code renewed},
 * {@code lost} (the lease was gone, or the holder gave it up when no renewal was confirmed within a
 * whole lease: one count per lease lost) or {@code unavailable} (one renewal attempt found the store
 * unreachable).
 */
public final class MeteredLockProvider implements LockProvider {
    private final LockProvider locks;
    private final MeterRegistry registry;

    public MeteredLockProvider(LockProvider locks, MeterRegistry registry) {
        this.locks = locks;
        this.registry = registry;
    }

    @Override
    public Optional<Lease> tryAcquire(LockSpec spec) {
        Optional<Lease> lease;
        try {
            lease = locks.tryAcquire(spec);
        } catch (LockUnavailableException e) {
            count("cutover.lock.acquisitions", spec.name(), "unavailable");
            throw e;
        }
        count("cutover.lock.acquisitions", spec.name(), lease.isPresent() ? "acquired" : "busy");
        return lease.map(MeteredLease::new);
    }

    @Override
    public Optional<LockHolder> holder(String name) {
        return locks.holder(name);
    }

    private void count(String meter, String lock, String result) {
        Counter.builder(meter)
                .tag("lock", lock)
                .tag("result", result)
                .register(registry)
                .increment();
    }

    /** A lease whose renewals are counted. */
    private final class MeteredLease implements Lease {
        private final Lease lease;

        MeteredLease(Lease lease) {
            this.lease = lease;
        }

        @Override
        public String name() {
            return lease.name();
        }

        @Override
        public long fencingToken() {
            return lease.fencingToken();
        }

        @Override
        public Duration lease() {
            return lease.lease();
        }

        @Override
        public boolean renew() {
            boolean held;
            try {
                held = lease.renew();
            } catch (LockUnavailableException e) {
                count("cutover.lock.renewals", lease.name(), "unavailable");
                throw e;
            }
            count("cutover.lock.renewals", lease.name(), held ? "renewed" : "lost");
            return held;
        }

        @Override
        public void givenUp() {
            count("cutover.lock.renewals", lease.name(), "lost");
            lease.givenUp();
        }

        @Override
        public void release() {
            lease.release();
        }
    }
}
