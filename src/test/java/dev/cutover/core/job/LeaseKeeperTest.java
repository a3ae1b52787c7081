package dev.cutover.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 11 item 3: when a lease counts as lost, on a controllable monotonic clock. */
class LeaseKeeperTest {
    private static final Duration LEASE = Duration.ofMillis(300);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private Lease lease(BooleanSupplier renew) {
        return new Lease() {
            public String name() {
                return "job:k";
            }

            public long fencingToken() {
                return 1;
            }

            public Duration lease() {
                return LEASE;
            }

            public boolean renew() {
                renewals.incrementAndGet();
                return renew.getAsBoolean();
            }

            public void release() {}

            public void givenUp() {
                givenUp.incrementAndGet();
            }
        };
    }

    @Test
    void failedRenewalsAreRetriedAndTheLeaseIsLostOnlyWhenItRanOut() {
        LeaseKeeper k = new LeaseKeeper(
                lease(() -> {
                    throw new LockUnavailableException("read timed out", null);
                }),
                timer,
                nanos::get,
                nanos.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> renewals.get() >= 3);
        assertThat(k.lost())
                .as("ownership unknown, but the lease has time left")
                .isFalse();
        nanos.addAndGet(LEASE.toNanos() - 1);
        assertThat(k.lost()).isFalse();
        nanos.addAndGet(1);
        assertThat(k.lost())
                .as("a whole lease since the last confirmed renewal")
                .isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> givenUp.get() == 1);
        k.close();
        assertThat(givenUp.get()).as("told once that it was given up").isEqualTo(1);
    }

    @Test
    void aConfirmedRenewalMovesTheDeadline() {
        long acquired = nanos.get();
        LeaseKeeper k = new LeaseKeeper(lease(() -> true), timer, nanos::get, acquired);
        nanos.set(acquired + LEASE.toNanos() / 2); // before the first renewal, due after a third of the lease
        await().atMost(Duration.ofSeconds(5)).until(() -> renewals.get() >= 1);
        nanos.set(acquired + LEASE.toNanos() + 1);
        // The call is counted before the keeper records its answer: wait for the record, which
        // counts from when the renewal was sent (half a lease after the acquire).
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(k.lost())
                .as("renewed half a lease after the acquire")
                .isFalse());
        k.close();
    }

    @Test
    void aRefusedRenewalLosesTheLeaseAtOnce() {
        LeaseKeeper k = new LeaseKeeper(lease(() -> false), timer, nanos::get, nanos.get());
        // The clock stands still, so only the refusal can make it lost.
        await().atMost(Duration.ofSeconds(5)).until(k::lost);
        assertThat(renewals.get()).as("lost at the first refusal, not retried").isEqualTo(1);
        k.close();
    }
}
