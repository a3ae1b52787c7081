package dev.cutover.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link LockProvider} contract, run against every implementation with real time and short leases. */
public abstract class LockProviderContract {
    protected static final Duration LEASE = Duration.ofMillis(400);

    /** The provider under test; each call may return the same instance. */
    protected abstract LockProvider provider();

    /** A second provider sharing the first one's store, as another replica would. */
    protected abstract LockProvider otherReplica();

    private final String name = "job:contract-" + UUID.randomUUID();

    private LockSpec spec() {
        return new LockSpec(name, LEASE);
    }

    @Test
    void aFreeLockIsAcquiredAndAHeldOneIsBusyNotAnError() {
        Optional<Lease> first = provider().tryAcquire(spec());
        assertThat(first).isPresent();
        assertThat(first.get().name()).isEqualTo(name);
        assertThat(otherReplica().tryAcquire(spec())).isEmpty();
        assertThat(provider().tryAcquire(spec())).isEmpty();
    }

    @Test
    void everyReplicaSeesTheHolderAndItsFencingTokenUntilTheRelease() {
        assertThat(otherReplica().holder(name)).isEmpty();
        Lease lease = provider().tryAcquire(spec()).orElseThrow();

        assertThat(otherReplica().holder(name))
                .contains(new LockHolder(LockHolder.thisProcess(), lease.fencingToken()));
        lease.release();
        assertThat(otherReplica().holder(name)).isEmpty();
    }

    @Test
    void releaseFreesTheLockAndFencingTokensGrow() {
        Lease first = provider().tryAcquire(spec()).orElseThrow();
        first.release();
        Lease second = otherReplica().tryAcquire(spec()).orElseThrow();
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        second.release();
        assertThat(provider().tryAcquire(spec()).orElseThrow().fencingToken()).isGreaterThan(second.fencingToken());
    }

    @Test
    void aHolderThatRenewsKeepsTheLockPastItsLease() {
        Lease lease = provider().tryAcquire(spec()).orElseThrow();
        long start = System.nanoTime();
        await().during(Duration.ofMillis(1200))
                .atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> lease.renew() && otherReplica().tryAcquire(spec()).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(LEASE.multipliedBy(2));
        lease.release();
    }

    @Test
    void aHolderKilledWithoutReleaseLosesTheLockAfterItsLease() {
        long start = System.nanoTime();
        provider().tryAcquire(spec()).orElseThrow(); // the holder dies: no renew, no release
        assertThat(otherReplica().tryAcquire(spec())).isEmpty();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> otherReplica().tryAcquire(spec()).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LEASE.minusMillis(50));
    }

    @Test
    void aLateReleaseOrRenewByAFormerHolderLeavesTheNewHoldersLock() {
        Lease old = provider().tryAcquire(spec()).orElseThrow();
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> otherReplica().tryAcquire(spec()).isPresent());
        old.release();
        assertThat(old.renew()).isFalse();
        assertThat(provider().tryAcquire(spec()))
                .as("still held by the new holder")
                .isEmpty();
    }
}
