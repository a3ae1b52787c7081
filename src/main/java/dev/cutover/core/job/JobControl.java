package dev.cutover.core.job;

/** Pauses and resumes the scheduled fires of a job, for every replica sharing the schedule (port). */
public interface JobControl {
    /**
     * Stops scheduled runs of {@code job} until resumed: each slot while paused is recorded as
     * skipped (paused), once; manual runs still work.
     */
    void pause(String job);

    /** Resumes scheduled runs of {@code job} from its next slot; slots skipped while paused are not caught up. */
    void resume(String job);

    /** Whether {@code job} is paused. */
    boolean isPaused(String job);
}
