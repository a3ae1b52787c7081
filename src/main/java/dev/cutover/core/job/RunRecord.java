package dev.cutover.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One fire of a job as kept in history: ran, or skipped and why.
 *
 * @param job the job name
 * @param fireId the fire identity key
 * @param slot the scheduled instant (UTC) of the fire
 * @param trigger {@code scheduled}, {@code catch-up} or {@code manual:<user>}
 * @param startedAt when handling began
 * @param endedAt when it ended
 * @param attempts attempts made (0 when skipped)
 * @param result the result
 * @param exitCode the last attempt's exit code, or null
 * @param detail the reason, one line
 * @param refs references from the last attempt (task ARN, log stream, execution ARN)
 */
public record RunRecord(
        String job,
        String fireId,
        Instant slot,
        String trigger,
        Instant startedAt,
        Instant endedAt,
        int attempts,
        Result result,
        Integer exitCode,
        String detail,
        Map<String, String> refs) {

    /** How a fire ended. */
    public enum Result {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        /** Someone else holds the lock: another run of this job is in progress. */
        SKIPPED_LOCKED,
        /**
         * This fire identity already ran or is running (a second delivery of the same slot):
         * counted, but not kept in the history, which has the slot's entry already.
         */
        SKIPPED_DUPLICATE,
        /** The lock store could not be reached; failed closed. */
        SKIPPED_LOCK_UNAVAILABLE,
        /** A late fire under {@code misfire: skip}. */
        SKIPPED_MISFIRE,
        /** The job is not scheduled: its schedule never fires again (recorded once at start-up). */
        SKIPPED_DISABLED,
        /** The job is paused ({@code /cron pause}): each slot while paused is recorded once, never caught up. */
        SKIPPED_PAUSED,
        /** The lease could not be renewed; stopped before touching the target again. */
        LEASE_LOST,
        /** Stopped on request ({@code /cron stop}): the running attempt's target was stopped, no retry made. */
        STOPPED,
        /** The bot was shutting down: the running attempt was stopped, or no further one made. */
        SHUTDOWN,
        /**
         * The bot was shutting down and the job says {@code onShutdown: detach}: its remote work (ECS
         * task, Step Functions execution) was left running; the fire stays claimed and the lock lapses
         * at the end of its lease.
         */
        DETACHED;

        /** Whether the fire was turned away before any attempt. */
        public boolean skipped() {
            return name().startsWith("SKIPPED");
        }
    }

    public RunRecord {
        detail = detail == null ? "" : detail;
        refs = refs == null ? Map.of() : Map.copyOf(refs);
    }

    /** Wall time from start to end. */
    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
