package dev.cutover.core.job;

import java.util.List;
import java.util.Optional;

/** Kept runs per job, newest first, capped per job by the implementation (port). */
public interface JobHistory {
    /** Adds {@code run}, dropping the oldest of its job beyond the cap. */
    void record(RunRecord run);

    /**
     * A second delivery of a fire already handled ({@link RunRecord.Result#SKIPPED_DUPLICATE}): not
     * kept, so each slot has one entry (issue 11); a measuring decorator counts it. Default: nothing.
     */
    default void duplicate(RunRecord run) {}

    /** Up to {@code limit} runs of {@code job}, newest first; empty for an unknown job. */
    List<RunRecord> recent(String job, int limit);

    /** The newest run of {@code job}. */
    default Optional<RunRecord> latest(String job) {
        return recent(job, 1).stream().findFirst();
    }
}
