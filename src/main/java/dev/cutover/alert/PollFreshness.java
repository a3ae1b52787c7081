package dev.cutover.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * When each polled thing (a queue, a service) was last read successfully, for readiness: a poll
 * older than three of its intervals means the monitor is not watching it any more.
 */
final class PollFreshness {
    /** How many intervals a poll may be late before it is overdue. */
    static final int INTERVALS = 3;

    private final Clock clock;
    private final Map<String, Instant> lastGood = new ConcurrentHashMap<>();
    private volatile @Nullable Instant started;

    PollFreshness(Clock clock) {
        this.clock = clock;
    }

    /** Polling starts now: nothing is overdue before three intervals from here. */
    void started() {
        started = clock.instant();
    }

    /** {@code name} was read successfully now. */
    void succeeded(String name) {
        lastGood.put(name, clock.instant());
    }

    /**
     * The names whose last successful poll (or the start, before the first) is older than {@link
     * #INTERVALS} of their interval, each with its age; empty before {@link #started()}.
     */
    List<String> overdue(Map<String, Duration> intervals) {
        Instant since = started;
        if (since == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        intervals.forEach((name, interval) -> {
            Instant last = lastGood.getOrDefault(name, since);
            Duration age = Duration.between(last, now);
            if (age.compareTo(interval.multipliedBy(INTERVALS)) > 0) {
                out.add(name + " (last read " + age.toSeconds() + " s ago, polled every " + interval.toSeconds()
                        + " s)");
            }
        });
        return out;
    }
}
