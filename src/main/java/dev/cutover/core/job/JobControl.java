package dev.cutover.core.job;

/** Pauses and resumes the scheduled fires of a job, for every replica sharing the schedule (port). */
public interface JobControl {
    /** Stops scheduled fires of {@code job} until resumed; manual runs still work. */
    void pause(String job);

    /** Resumes scheduled fires of {@code job}; missed fires follow its misfire policy. */
    void resume(String job);

    /** Whether {@code job} is paused. */
    boolean isPaused(String job);
}
