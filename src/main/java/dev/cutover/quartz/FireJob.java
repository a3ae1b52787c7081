package dev.cutover.quartz;

import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.SlotResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
        if (paused(ctx.getJobDetail())) {
            runner.paused(spec, r.fire(), r.trigger());
            return;
        }
        if (r.skip()) {
            runner.skip(
                    spec,
                    r.fire(),
                    r.trigger(),
                    RunRecord.Result.SKIPPED_MISFIRE,
                    "late fire for " + r.fire().slot() + " skipped (misfire: skip)");
            return;
        }
        runner.fire(spec, r.fire(), r.trigger());
    }

    /** Whether {@code job} carries the {@link #PAUSED} mark. */
    static boolean paused(JobDetail job) {
        return "true".equals(job.getJobDataMap().get(PAUSED));
    }
}
