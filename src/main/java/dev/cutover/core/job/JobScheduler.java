package dev.cutover.core.job;

import java.time.Duration;
import java.util.Set;

/**
 * Fires the configured jobs on their schedules through a {@link JobRunner}, and pauses and resumes
 * them (port). Built for a fixed set of jobs; nothing fires before {@link #start()}.
 */
public interface JobScheduler extends JobControl {
    /**
     * Syncs the stored triggers with the configured jobs, then starts firing.
     *
     * @return the jobs whose trigger was (re)stored because it was new or its definition changed
     * @throws IllegalStateException when the trigger store cannot be read or written (e.g. its
     *     database is down)
     */
    Set<String> start();

    /** Periodic upkeep (e.g. the next daylight-saving gap fire of each job); call about every minute. */
    void maintain();

    /**
     * Stops firing, waits for running attempts up to the configured shutdown timeout, then aborts the
     * rest (targets are told to stop); each run releases its lock once its target stopped, and the
     * locks of runs still stopping at the end are left to lapse at the end of their leases.
     *
     * @return true when every run ended within the timeout
     * @throws IllegalStateException when the scheduler cannot be shut down cleanly
     * @throws InterruptedException when interrupted while waiting for runs to end
     */
    default boolean stop() throws InterruptedException {
        return stop(UNBOUNDED);
    }

    /**
     * {@link #stop()} within {@code budget}: waits for running attempts up to the configured
     * shutdown timeout or the budget, whichever ends first, and for aborted ones up to 5 s or what is
     * left of the budget.
     *
     * @return true when every run ended within the wait
     * @throws IllegalStateException when the scheduler cannot be shut down cleanly
     * @throws InterruptedException when interrupted while waiting for runs to end
     */
    boolean stop(Duration budget) throws InterruptedException;

    /** A budget that never binds. */
    Duration UNBOUNDED = Duration.ofDays(365);
}
