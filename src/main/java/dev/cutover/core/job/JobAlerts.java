package dev.cutover.core.job;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tells people what happened to jobs (Slack: a message in the job's channel). Implementations word
 * and post the message; a chat outage is theirs to log, never a reason for a run to fail.
 *
 * <p>{@code channel} is the job's (or the scheduler's) channel, or null when none is configured:
 * then the notice is only logged.
 */
public interface JobAlerts {
    /** A fire ended without success after its last attempt (failed, timed out, lease lost, shut down). */
    void failed(@Nullable String channel, RunRecord run);

    /** No run of {@code spec} started within {@code grace} after {@code slot} (the dead-man switch). */
    void missedRun(@Nullable String channel, JobSpec spec, Instant slot, Duration grace);

    /**
     * This replica's clock differs from the store's by more than a second.
     *
     * @param skew the store's time minus this replica's: negative when this replica is ahead
     */
    void clockSkew(@Nullable String channel, Duration skew);

    /** {@code spec}'s schedule has no fire time ahead, so the job was left unscheduled. */
    void neverFires(@Nullable String channel, JobSpec spec);
}
