package dev.cutover.core.job;

import java.time.Instant;
import java.util.Optional;

/** The fire times of a job: a cron expression read in a time zone, with a daylight-saving policy. */
public interface Schedule {
    /** The first fire time strictly after {@code t}; empty when the schedule never fires again. */
    Optional<Instant> nextAfter(Instant t);

    /** The last fire time at or before {@code t}; empty when there is none (within a year). */
    Optional<Instant> latestAtOrBefore(Instant t);

    /** How the schedule reads, e.g. {@code "0 30 2 * * ?" in America/New_York}. */
    String describe();
}
