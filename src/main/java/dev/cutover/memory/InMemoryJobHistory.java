package dev.cutover.memory;

import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.RunRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Run history in this process, newest first, capped per job. */
public final class InMemoryJobHistory implements JobHistory {
    private final int limit;
    private final Map<String, Deque<RunRecord>> runs = new HashMap<>();

    /** @param limit runs kept per job */
    public InMemoryJobHistory(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void record(RunRecord run) {
        Deque<RunRecord> q = runs.computeIfAbsent(run.job(), k -> new ArrayDeque<>());
        q.addFirst(run);
        while (q.size() > limit) {
            q.removeLast();
        }
    }

    @Override
    public synchronized List<RunRecord> recent(String job, int max) {
        return runs.getOrDefault(job, new ArrayDeque<>()).stream().limit(max).toList();
    }
}
