package dev.cutover.alert;

import dev.cutover.config.ServiceConfig;
import dev.cutover.core.alert.ScalingActivity;
import dev.cutover.core.alert.ServiceCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one poll of a service found new: the next state and what to post. The first poll of a
 * service only records a starting point and posts nothing.
 *
 * @param next the state to store
 * @param activities new scaling activities, oldest first (at most {@value #MAX_ACTIVITIES})
 * @param before the counts before, or null when they did not change
 * @param belowFor how long running has been below desired when that is newly worth a warning, or null
 * @param caughtUp whether running caught up with desired after a warning
 */
record ScalingChanges(
        ServiceWatchState next,
        List<ScalingActivity> activities,
        @Nullable ServiceCounts before,
        @Nullable Duration belowFor,
        boolean caughtUp) {
    static final int MAX_ACTIVITIES = 5;

    static ScalingChanges of(
            ServiceConfig s,
            @Nullable ServiceWatchState prev,
            ServiceCounts now,
            List<ScalingActivity> newest,
            Instant at) {
        String lastId = newest.isEmpty()
                ? (prev == null ? null : prev.lastActivityId())
                : newest.get(0).id();
        boolean below = now.running() < now.desired();
        Instant belowSince = !below ? null : prev != null && prev.belowSince() != null ? prev.belowSince() : at;
        Duration belowFor = belowSince == null ? Duration.ZERO : Duration.between(belowSince, at);
        boolean warnNow = below && belowFor.compareTo(s.runningBelowDesiredFor()) >= 0;
        boolean warned = prev != null && prev.belowWarned();
        ServiceWatchState next = new ServiceWatchState(now, lastId, belowSince, below && (warned || warnNow));
        if (prev == null) {
            return new ScalingChanges(next, List.of(), null, null, false);
        }
        List<ScalingActivity> fresh = new ArrayList<>(newest.subList(0, Math.min(MAX_ACTIVITIES, newest.size())));
        java.util.Collections.reverse(fresh);
        return new ScalingChanges(
                next,
                fresh,
                prev.counts().equals(now) ? null : prev.counts(),
                warnNow && !warned ? belowFor : null,
                warned && !below);
    }

    /** Whether there is anything to post. */
    boolean any() {
        return !activities.isEmpty() || before != null || belowFor != null || caughtUp;
    }
}
