package dev.cutover.core.job;

import java.time.Instant;
import java.util.Optional;

/**
 * Maps a delivery from the scheduler to the slot it runs for, so that downtime yields at most one
 * catch-up run. Quartz fires every slot missed by less than its misfire threshold back-to-back (even
 * with "do nothing"), and "fire once now" fires at an instant that is no slot at all. Here every
 * delivery is mapped to the newest slot due at delivery time: late deliveries collapse onto one fire
 * identity, and the fire-identity claim turns all but the first away.
 */
public final class SlotResolver {
    private SlotResolver() {}

    /**
     * What a delivery means.
     *
     * @param fire the fire identity to run under
     * @param trigger {@code scheduled} or {@code catch-up}
     * @param skip true when the job's misfire policy says not to catch up
     */
    public record Resolved(FireIdentity fire, String trigger, boolean skip) {}

    /**
     * Resolves a delivery.
     *
     * @param scheduled the instant the scheduler says this delivery was for
     * @param now when it arrived
     */
    public static Resolved resolve(JobSpec spec, Instant scheduled, Instant now) {
        Instant at = now.isAfter(scheduled) ? now : scheduled;
        Optional<Instant> latest = spec.schedule().latestAtOrBefore(at);
        if (latest.isEmpty() || latest.get().equals(scheduled)) {
            return new Resolved(FireIdentity.scheduled(spec.name(), scheduled), "scheduled", false);
        }
        if (!spec.catchUp()) {
            return new Resolved(FireIdentity.scheduled(spec.name(), scheduled), "late", true);
        }
        return new Resolved(FireIdentity.scheduled(spec.name(), latest.get()), "catch-up", false);
    }
}
