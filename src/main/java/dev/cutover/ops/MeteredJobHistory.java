package dev.cutover.ops;

import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.RunRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The job history, measured: every fire ends in exactly one record (run or skipped), counted once it
 * is stored. {@code cutover_job_runs_total{job,result}}, {@code cutover_job_attempts_total{job}},
 * {@code cutover_job_run_seconds{job,result}} (a duplicate delivery, not kept, is counted too) and, for scheduled and catch-up fires that ran, {@code
 * cutover_job_fire_delay_seconds{job}} (the slot to the start of handling).
 */
public final class MeteredJobHistory implements JobHistory {
    private final JobHistory history;
    private final MeterRegistry registry;

    public MeteredJobHistory(JobHistory history, MeterRegistry registry) {
        this.history = history;
        this.registry = registry;
    }

    @Override
    public void record(RunRecord run) {
        history.record(run); // counted only once stored: a record kept for later is counted when flushed
        count(run);
    }

    /** Counted like a kept run (result {@code skipped_duplicate}), though the history does not keep it. */
    @Override
    public void duplicate(RunRecord run) {
        history.duplicate(run);
        count(run);
    }

    private void count(RunRecord run) {
        String result = run.result().name().toLowerCase();
        Counter.builder("cutover.job.runs")
                .description("Fires of each job by result (ran, or skipped and why)")
                .tag("job", run.job())
                .tag("result", result)
                .register(registry)
                .increment();
        if (run.attempts() > 0) {
            Counter.builder("cutover.job.attempts")
                    .description("Attempts made (retries included)")
                    .tag("job", run.job())
                    .register(registry)
                    .increment(run.attempts());
        }
        if (run.result().skipped()) {
            return;
        }
        Timer.builder("cutover.job.run")
                .description("From the start of handling to the end of the last attempt")
                .tag("job", run.job())
                .tag("result", result)
                .register(registry)
                .record(MeteredApprovalStore.nonNegative(run.duration()));
        if (!run.trigger().startsWith("manual")) {
            Timer.builder("cutover.job.fire.delay")
                    .description("From the scheduled slot to the start of handling")
                    .tag("job", run.job())
                    .serviceLevelObjectives(
                            Duration.ofMillis(100),
                            Duration.ofMillis(500),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(60))
                    .register(registry)
                    .record(MeteredApprovalStore.nonNegative(Duration.between(run.slot(), run.startedAt())));
        }
    }

    @Override
    public List<RunRecord> recent(String job, int limit) {
        return history.recent(job, limit);
    }

    @Override
    public Optional<RunRecord> latest(String job) {
        return history.latest(job);
    }
}
