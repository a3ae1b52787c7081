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
     * Resolves a delivery without knowing when the scheduler started; see {@link #resolve(JobSpec,
     * Instant, Instant, Instant)}.
     */
    public static Resolved resolve(JobSpec spec, Instant scheduled, Instant now) {
        return resolve(spec, scheduled, now, Instant.MIN);
    }

    /**
     * Resolves a delivery. A slot is missed when it passed before this scheduler was running
     * ({@code scheduled < upSince}: whatever Quartz's misfire threshold, it was not run on time), or
     * when a newer slot is already due. {@code misfire: skip} never runs a missed slot; {@code
     * fire-once} runs it once, under the newest slot due. A slot at or after {@code upSince} runs on
     * time even when delivered a little late (busy workers).
     *
     * @param scheduled the instant the scheduler says this delivery was for
     * @param now when it arrived
     * @param upSince when this replica's scheduler started firing
     */
    public static Resolved resolve(JobSpec spec, Instant scheduled, Instant now, Instant upSince) {
        Instant at = now.isAfter(scheduled) ? now : scheduled;
        Optional<Instant> latest = spec.schedule().latestAtOrBefore(at);
        boolean newerDue = latest.isPresent() && !latest.get().equals(scheduled);
        if (!newerDue && !scheduled.isBefore(upSince)) {
            return new Resolved(FireIdentity.scheduled(spec.name(), scheduled), "scheduled", false);
        }
        if (!spec.catchUp()) {
            return new Resolved(FireIdentity.scheduled(spec.name(), scheduled), "late", true);
        }
        return new Resolved(FireIdentity.scheduled(spec.name(), latest.orElse(scheduled)), "catch-up", false);
    }
}
