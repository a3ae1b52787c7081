package dev.cutover.core.job;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled job, vendor-free.
 *
 * @param name the job name (part of every fire identity)
 * @param schedule when it fires
 * @param zone the zone its schedule is read in, for display
 * @param target what a run does
 * @param timeout the longest one attempt may take
 * @param retry attempts and backoff
 * @param lockRequired whether runs take the mutex (fail closed when the lock store is down)
 * @param lease the lock's TTL, renewed every third of it
 * @param catchUp on a late fire: true runs once for the latest missed slot, false skips it
 * @param enabled false means never fired by the schedule
 * @param channel where failure notices and missed-run alerts go, or null for nowhere
 * @param approvers who may {@code /cron run} it; empty means anyone
 * @param missedRunGrace how late a start may be before a missed-run alert
 * @param detachOnShutdown on the bot's shutdown, leave a running attempt's remote work running
 *     (recorded as {@link RunRecord.Result#DETACHED}) instead of stopping it
 */
public record JobSpec(
        String name,
        Schedule schedule,
        ZoneId zone,
        JobTarget target,
        Duration timeout,
        RetryPolicy retry,
        boolean lockRequired,
        Duration lease,
        boolean catchUp,
        boolean enabled,
        String channel,
        List<String> approvers,
        Duration missedRunGrace,
        boolean detachOnShutdown) {
    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(missedRunGrace, "missedRunGrace");
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** The lock name of this job's mutex. */
    public String lockName() {
        return "job:" + name;
    }
}
