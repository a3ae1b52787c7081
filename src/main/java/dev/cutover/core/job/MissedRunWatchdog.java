package dev.cutover.core.job;

import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man switch: alerts when a job has not started within its grace period after a scheduled
 * slot, whatever the cause (every replica down, every worker busy, the lock held too long). Distinct
 * from an ordinary skip, which is only recorded. One alert per incident: the incident is named by
 * the first missed slot, claimed in {@link FireClaims} so replicas do not repeat each other.
 */
public final class MissedRunWatchdog {
    private static final Logger log = LoggerFactory.getLogger(MissedRunWatchdog.class);
    /** Results that do not count as the slot having started. */
    private static final Set<Result> NOT_STARTED = EnumSet.of(
            Result.SKIPPED_LOCKED, Result.SKIPPED_LOCK_UNAVAILABLE, Result.SKIPPED_MISFIRE, Result.SKIPPED_DISABLED);

    private final List<JobSpec> jobs;
    private final JobHistory history;
    private final FireClaims claims;
    private final JobControl control;
    private final JobNotices notices;
    private final Clock clock;
    private final Instant since;
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();

    /**
     * @param since slots before this are not checked for jobs without a started run in history (a new
     *     job, or a first start)
     */
    public MissedRunWatchdog(
            List<JobSpec> jobs,
            JobHistory history,
            FireClaims claims,
            JobControl control,
            JobAlerts alerts,
            Clock clock,
            Instant since) {
        this.jobs = List.copyOf(jobs);
        this.history = history;
        this.claims = claims;
        this.control = control;
        this.notices = new JobNotices(alerts);
        this.clock = clock;
        this.since = since;
    }

    /**
     * Reports each enabled job whose schedule never fires again (e.g. {@code 0 0 0 30 2 ?}, or a
     * one-off in the past): logged here, and one notice per job and schedule, claimed in
     * {@link FireClaims} so neither other replicas nor restarts repeat it. The scheduler leaves those
     * jobs unscheduled; the rest runs.
     *
     * @return the names of those jobs
     */
    public Set<String> reportNeverFiring() {
        Set<String> names = new java.util.TreeSet<>();
        for (JobSpec spec : jobs) {
            if (spec.enabled() && spec.schedule().nextAfter(clock.instant()).isEmpty()) {
                names.add(spec.name());
                log.error(
                        "job {} is disabled: its schedule {} never fires again",
                        spec.name(),
                        spec.schedule().describe());
                if (claimQuietly(
                        "never-fires:" + spec.name() + ":" + spec.schedule().describe())) {
                    notices.neverFires(spec.channel(), spec);
                    recordDisabled(spec);
                }
            }
        }
        return names;
    }

    private void recordDisabled(JobSpec spec) {
        Instant now = clock.instant();
        notices.recordQuietly(
                history,
                new RunRecord(
                        spec.name(),
                        FireIdentity.manual(spec.name(), now).key(),
                        now,
                        "start-up",
                        now,
                        now,
                        0,
                        Result.SKIPPED_DISABLED,
                        null,
                        "disabled: its schedule " + spec.schedule().describe() + " never fires again",
                        null));
    }

    /**
     * Checks every enabled, unpaused job once.
     *
     * @return the number of alerts posted
     */
    public int check() {
        int posted = 0;
        for (JobSpec spec : jobs) {
            if (spec.enabled()
                    && spec.schedule().nextAfter(clock.instant()).isPresent()
                    && !control.isPaused(spec.name())
                    && checkJob(spec)) {
                posted++;
            }
        }
        return posted;
    }

    private boolean checkJob(JobSpec spec) {
        Instant now = clock.instant();
        Optional<Instant> due = spec.schedule().latestAtOrBefore(now.minus(spec.missedRunGrace()));
        Instant lastStarted = lastStartedSlot(spec.name()).orElse(since.minusMillis(1));
        if (due.isEmpty() || !due.get().isAfter(lastStarted)) {
            return false;
        }
        Instant firstMissed = spec.schedule().nextAfter(lastStarted).orElse(due.get());
        if (firstMissed.isAfter(due.get())) {
            return false;
        }
        String key =
                "missed:" + FireIdentity.scheduled(spec.name(), firstMissed).key();
        if (!alerted.add(key) || !claimQuietly(key)) {
            return false;
        }
        notices.missedRun(spec.channel(), spec, firstMissed, spec.missedRunGrace());
        return true;
    }

    private Optional<Instant> lastStartedSlot(String job) {
        return history.recent(job, 50).stream()
                .filter(r -> !NOT_STARTED.contains(r.result()))
                .map(RunRecord::slot)
                .max(Instant::compareTo);
    }

    private boolean claimQuietly(String key) {
        try {
            return claims.claim(key, JobRunner.CLAIM_TTL);
        } catch (LockUnavailableException e) {
            return true; // better a repeated alert from each replica than none
        }
    }
}
