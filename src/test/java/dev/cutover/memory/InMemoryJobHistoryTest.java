package dev.cutover.memory;

import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobHistoryContract;

class InMemoryJobHistoryTest extends JobHistoryContract {
    @Override
    protected JobHistory newHistory(int limit) {
        return new InMemoryJobHistory(limit);
    }
}
