package dev.cutover.quartz;

import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedSlots;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.SlotResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job class: resolves a delivery to its slot and hands it to the {@link JobRunner}.
 * Never throws: Quartz would only log it, and the runner has already recorded and reported.
 */
final class FireJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(FireJob.class);

    /**
     * The job data key that marks a job paused. A paused job's triggers keep firing so that each
     * skipped slot is recorded; with the JDBC store the mark is in the shared job row, so it holds
     * for every replica. A string value: the JDBC store keeps job data as properties.
     */
    static final String PAUSED = "cutover.paused";

    private final Map<String, JobSpec> specs;
    private final JobRunner runner;
    private final Clock clock;
    private final Supplier<Instant> upSince;

    /** @param upSince when the scheduler started firing: slots before it were missed */
    FireJob(Map<String, JobSpec> specs, JobRunner runner, Clock clock, Supplier<Instant> upSince) {
        this.specs = specs;
        this.runner = runner;
        this.clock = clock;
        this.upSince = upSince;
    }

    @Override
    public void execute(JobExecutionContext ctx) {
        String name = ctx.getJobDetail().getKey().getName();
        JobSpec spec = specs.get(name);
        if (spec == null) {
            log.warn("fire for job {} that is no longer configured; ignored", name);
            return;
        }
        SlotResolver.Resolved r =
                SlotResolver.resolve(spec, ctx.getScheduledFireTime().toInstant(), clock.instant(), upSince.get());
        boolean paused = paused(ctx.getJobDetail());
        if (ctx.getTrigger().getKey().equals(TriggerSync.cronKey(spec))) {
            recordMissed(spec, ctx.getPreviousFireTime(), r, paused);
        }
        if (paused) {
            runner.paused(spec, r.fire(), r.trigger());
            return;
        }
        if (r.skip()) {
            runner.skipOnce(
                    spec,
                    r.fire(),
                    r.trigger(),
                    RunRecord.Result.SKIPPED_MISFIRE,
                    "late fire for " + r.fire().slot() + " skipped (misfire: skip)");
            return;
        }
        runner.fire(spec, r.fire(), r.trigger());
    }

    /**
     * Records the slots between the cron trigger's previous fire (or, on a fresh trigger, the last
     * slot in the history) and this delivery's slot that Quartz never delivered: with "do nothing"
     * (and "fire once now") Quartz drops every slot missed by more than its misfire threshold.
     */
    private void recordMissed(JobSpec spec, Date previous, SlotResolver.Resolved r, boolean paused) {
        Optional<Instant> after =
                previous != null ? Optional.of(previous.toInstant()) : runner.lastAccountedSlot(spec.name());
        if (after.isEmpty()) {
            return;
        }
        MissedSlots slots =
                MissedSlots.between(spec.schedule(), after.get(), r.fire().slot());
        if (!slots.isEmpty()) {
            runner.missed(
                    spec,
                    slots,
                    paused ? RunRecord.Result.SKIPPED_PAUSED : RunRecord.Result.SKIPPED_MISFIRE,
                    why(spec, paused));
        }
    }

    /** Why a missed slot did not run, for its history entry. */
    static String why(JobSpec spec, boolean paused) {
        if (paused) {
            return "the scheduler was not running and the job is paused";
        }
        return spec.catchUp()
                ? "the scheduler was not running (misfire: fire-once runs only the newest missed slot)"
                : "the scheduler was not running (misfire: skip)";
    }

    /** Whether {@code job} carries the {@link #PAUSED} mark. */
    static boolean paused(JobDetail job) {
        return "true".equals(job.getJobDataMap().get(PAUSED));
    }
}
