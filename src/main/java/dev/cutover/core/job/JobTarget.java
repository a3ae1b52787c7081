package dev.cutover.core.job;

/**
 * What a job does: one attempt of it (port; adapters run ECS tasks, Step Functions executions, HTTP
 * requests and local processes).
 */
public interface JobTarget {
    /**
     * Runs one attempt and waits for its end, at most {@link Attempt#timeout()}: past it the target
     * stops what it started (StopTask, StopExecution, killing the process) and returns
     * {@link AttemptResult.Outcome#TIMED_OUT}. It should also stop early once
     * {@link Attempt#cancelled()} turns true (lease lost, shutdown): stop what it started, or, when
     * {@link Attempt#isDetaching()}, leave the remote work running and return
     * {@link AttemptResult.Outcome#DETACHED}.
     *
     * @return the outcome; a thrown runtime exception counts as a failed attempt
     */
    AttemptResult run(Attempt attempt);

    /** A short description for {@code /cron list}, e.g. {@code ecs-task prod/report}. */
    String describe();
}
