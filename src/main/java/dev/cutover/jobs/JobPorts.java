package dev.cutover.jobs;

import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.StoreTime;
import dev.cutover.core.lock.LockProvider;
import java.util.Objects;

/**
 * What the scheduled-jobs feature runs on, as picked by the composition root: shared stores (Redis)
 * for several replicas, or in-process ones for one.
 *
 * @param locks the job mutexes
 * @param claims the fire-identity claims
 * @param history the kept runs per job
 * @param targets makes each job's target
 * @param storeTime the shared store's clock, compared with ours at start-up; null when nothing is
 *     shared (in-process stores)
 */
public record JobPorts(
        LockProvider locks, FireClaims claims, JobHistory history, JobTargetFactory targets, StoreTime storeTime) {
    /** Ports without a shared clock to compare with. */
    public JobPorts(LockProvider locks, FireClaims claims, JobHistory history, JobTargetFactory targets) {
        this(locks, claims, history, targets, null);
    }

    public JobPorts {
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(targets, "targets");
    }
}
