package dev.cutover.testing;

import dev.cutover.core.job.JobControl;

/** Job control with no job ever paused; pausing and resuming do nothing. */
public final class NoPauses implements JobControl {
    @Override
    public void pause(String job) {}

    @Override
    public void resume(String job) {}

    @Override
    public boolean isPaused(String job) {
        return false;
    }
}
