package dev.cutover.core.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares this replica's clock with the shared store's. Lease expiry runs on the store's clock while
 * slots, misfires and missed-run checks run on ours, so a replica off by more than {@link #LIMIT} is
 * reported (log and a notice): its runs may start early or late and its misfire decisions are wrong.
 */
public final class ClockSkewCheck {
    /** The largest difference tolerated without a report. */
    public static final Duration LIMIT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ClockSkewCheck.class);
    private final StoreTime store;
    private final Clock clock;
    private final JobNotices notices;
    private final String channel;

    /** @param channel where the notice goes (the scheduler's channel), or null for the log only */
    public ClockSkewCheck(StoreTime store, Clock clock, JobAlerts alerts, String channel) {
        this.store = store;
        this.clock = clock;
        this.notices = new JobNotices(alerts);
        this.channel = channel;
    }

    /**
     * Measures the skew (store minus ours, the round trip halved out) and reports it when beyond
     * {@link #LIMIT}.
     *
     * @return the skew, or empty when the store could not be read (logged)
     */
    public Optional<Duration> check() {
        Duration skew;
        try {
            skew = measure(store, clock);
        } catch (RuntimeException e) {
            log.warn("could not read the store's clock: {}", e.toString());
            return Optional.empty();
        }
        if (skew.abs().compareTo(LIMIT) > 0) {
            log.error("this replica's clock differs from the shared store's by {} ms", skew.toMillis());
            notices.clockSkew(channel, skew);
        }
        return Optional.of(skew);
    }

    /**
     * The store's clock minus {@code clock}, the round trip halved out; reports nothing (readiness
     * asks this every second).
     *
     * @throws RuntimeException when the store cannot be read
     */
    public static Duration measure(StoreTime store, Clock clock) {
        Instant before = clock.instant();
        Instant theirs = store.now();
        Instant after = clock.instant();
        Instant mid = before.plus(Duration.between(before, after).dividedBy(2));
        return Duration.between(mid, theirs);
    }
}
