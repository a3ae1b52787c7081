package dev.cutover.core.job;

import dev.cutover.core.audit.LogContext;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Runs one fire of a job: takes the job's lock (a held lock is a recorded skip, an unreachable store
 * a reported skip), claims the fire identity (a second delivery of a slot is a recorded skip), makes
 * up to {@code maxAttempts} attempts with backoff while renewing the lease, records the run and
 * posts one failure notice after the last attempt.
 */
public final class JobRunner {
    /** How long a claimed fire identity is remembered; far longer than any redelivery. */
    static final Duration CLAIM_TTL = Duration.ofDays(2);

    private final LockProvider locks;
    private final FireClaims claims;
    private final JobHistory history;
    private final JobNotices notices;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final RunGate gate;

    /**
     * @param timer runs lease renewals; owned by the caller
     * @param gate waits between attempts and tracks runs in flight for graceful shutdown
     */
    public JobRunner(
            LockProvider locks,
            FireClaims claims,
            JobHistory history,
            JobAlerts alerts,
            Clock clock,
            ScheduledExecutorService timer,
            RunGate gate) {
        this.locks = locks;
        this.claims = claims;
        this.history = history;
        this.notices = new JobNotices(alerts);
        this.clock = clock;
        this.timer = timer;
        this.gate = gate;
    }

    /** How often a run checks whether it was asked to stop ({@link #requestStop}), at most. */
    static final Duration STOP_CHECK = Duration.ofSeconds(1);

    /** What {@link #requestStop} found. */
    public sealed interface StopRequest {
        /** No run holds the job's lock. */
        record NotRunning() implements StopRequest {}

        /** The job takes no lock, so its runs cannot be told apart or found. */
        record Unlocked() implements StopRequest {}

        /** The run holding the lock ({@code holder}, fencing token) is asked to stop. */
        record Requested(LockHolder holder) implements StopRequest {}
    }

    /**
     * Asks the run of {@code spec} that holds its lock now, on whichever replica, to stop: its
     * target is stopped as a timeout stops it (process group killed, StopTask, StopExecution), no
     * further attempt is made, and it is recorded as {@link Result#STOPPED}. The request is a claim
     * of the run's fencing token, so it can only ever stop that run, never a later one. The run sees
     * it within about {@link #STOP_CHECK}.
     *
     * @throws dev.cutover.core.lock.LockUnavailableException when the lock store cannot be reached
     */
    public StopRequest requestStop(JobSpec spec) {
        if (!spec.lockRequired()) {
            return new StopRequest.Unlocked();
        }
        Optional<LockHolder> holder = locks.holder(spec.lockName());
        if (holder.isEmpty()) {
            return new StopRequest.NotRunning();
        }
        claims.claim(stopKey(spec, holder.get().fencingToken()), spec.lease().plus(CLAIM_TTL));
        return new StopRequest.Requested(holder.get());
    }

    private static String stopKey(JobSpec spec, long fencingToken) {
        return "stop:" + spec.lockName() + ":" + fencingToken;
    }

    /**
     * Whether this run was asked to stop, read from the claims at most once per {@link
     * #STOP_CHECK} (the attempt asks every 200 ms); a store that cannot be read says no.
     */
    private final class StopSignal {
        private final String key;
        private long checkedAt;
        private boolean requested;

        StopSignal(JobSpec spec, long fencingToken) {
            this.key = stopKey(spec, fencingToken);
        }

        synchronized boolean requested() {
            long now = System.nanoTime();
            if (!requested && now - checkedAt >= STOP_CHECK.toNanos()) {
                checkedAt = now;
                try {
                    requested = claims.isClaimed(key);
                } catch (RuntimeException e) {
                    requested = false;
                }
            }
            return requested;
        }
    }

    /** The gate tracking runs in flight; {@link RunGate#abort()} stops them for shutdown. */
    public RunGate gate() {
        return gate;
    }

    /**
     * Runs fire {@code fire} of {@code spec} on the calling thread and returns its record (already
     * kept in history).
     *
     * @param trigger {@code scheduled}, {@code catch-up} or {@code manual:<user>}
     */
    public RunRecord fire(JobSpec spec, FireIdentity fire, String trigger) {
        Run run = new Run(spec, fire, trigger, clock.instant());
        gate.enter();
        try (LogContext.Scope job = LogContext.with(LogContext.JOB, spec.name());
                LogContext.Scope id = LogContext.with(LogContext.FIRE_ID, fire.key())) {
            return spec.lockRequired() ? locked(run) : claimed(run, null);
        } finally {
            gate.exit();
        }
    }

    /**
     * Writes the run records kept while the history store could not be reached (e.g. skips during a
     * Redis outage); also done before every new record. Call periodically.
     *
     * @return how many records are still waiting
     */
    public int flushHistory() {
        return notices.flush(history);
    }

    /** Records a fire turned away before it started (e.g. a late fire under {@code misfire: skip}). */
    public RunRecord skip(JobSpec spec, FireIdentity fire, String trigger, Result result, String detail) {
        try (LogContext.Scope job = LogContext.with(LogContext.JOB, spec.name());
                LogContext.Scope id = LogContext.with(LogContext.FIRE_ID, fire.key())) {
            return finish(new Run(spec, fire, trigger, clock.instant()), result, 0, null, detail, false);
        }
    }

    /**
     * Records a fire of a paused job as skipped, once per slot: it claims the fire identity, so a
     * second delivery of the slot (or another replica's) records nothing, and the slot is not run
     * after a resume either. When the claims cannot be reached it records anyway: a repeated entry
     * is better than a silent gap.
     *
     * @return the record kept, or empty when this slot was already accounted for
     */
    public Optional<RunRecord> paused(JobSpec spec, FireIdentity fire, String trigger) {
        return skipOnce(spec, fire, trigger, Result.SKIPPED_PAUSED, "paused (/cron pause): not run");
    }

    /**
     * Records a fire turned away before it started, once per slot: like {@link #paused}, it claims
     * the fire identity, so another delivery of the slot, another replica or the missed-slot
     * accounting ({@link #missed}) records nothing more, and the slot does not run later.
     *
     * @return the record kept, or empty when this slot was already accounted for
     */
    public Optional<RunRecord> skipOnce(JobSpec spec, FireIdentity fire, String trigger, Result result, String detail) {
        if (!claimOnce("fire:" + fire.key())) {
            return Optional.empty();
        }
        return Optional.of(skip(spec, fire, trigger, result, detail));
    }

    /**
     * Records the slots the scheduler never delivered (trigger {@code missed}), each once across
     * replicas (its fire identity is claimed, so it is not run later either), the older ones of a
     * long outage in one summary entry ("and N more slots missed from ... to ...").
     *
     * @param result {@link Result#SKIPPED_MISFIRE}, or {@link Result#SKIPPED_PAUSED} for a paused job
     * @param why the reason, one line, e.g. {@code the scheduler was not running (misfire: skip)}
     * @return how many entries were recorded
     */
    public int missed(JobSpec spec, MissedSlots slots, Result result, String why) {
        int recorded = 0;
        if (slots.older() > 0) {
            FireIdentity first = FireIdentity.scheduled(spec.name(), slots.olderFrom());
            if (claimOnce("missed:" + first.key())) {
                skip(
                        spec,
                        first,
                        "missed",
                        result,
                        "and " + slots.older() + " more slot(s) missed from " + slots.olderFrom() + " to "
                                + slots.olderTo() + ": " + why);
                recorded++;
            }
        }
        for (Instant slot : slots.listed()) {
            if (skipOnce(spec, FireIdentity.scheduled(spec.name(), slot), "missed", result, "missed: " + why)
                    .isPresent()) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * The newest scheduled slot in {@code job}'s history (run, caught up or recorded as skipped;
     * manual runs aside), or empty when there is none or the history cannot be read.
     */
    public Optional<Instant> lastAccountedSlot(String job) {
        try {
            return history.recent(job, 20).stream()
                    .filter(r -> !r.trigger().startsWith("manual"))
                    .map(RunRecord::slot)
                    .max(Instant::compareTo);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean claimOnce(String key) {
        try {
            return claims.claim(key, CLAIM_TTL);
        } catch (LockUnavailableException e) {
            // Recorded without the once-per-slot guarantee: a repeated entry beats a silent gap.
            return true;
        }
    }

    private RunRecord locked(Run run) {
        Optional<Lease> lease;
        long acquiredAt = System.nanoTime();
        try {
            lease = locks.tryAcquire(new LockSpec(run.spec.lockName(), run.spec.lease()));
        } catch (LockUnavailableException e) {
            return finish(
                    run,
                    Result.SKIPPED_LOCK_UNAVAILABLE,
                    0,
                    null,
                    "lock store unreachable, not run (fail closed): " + e.getMessage(),
                    true);
        }
        if (lease.isEmpty()) {
            if (alreadyClaimed(run)) {
                // The holder is this very slot (a catch-up and an on-time delivery of one slot at
                // start-up): a duplicate delivery, not another run keeping this slot out.
                return finish(
                        run,
                        Result.SKIPPED_DUPLICATE,
                        0,
                        null,
                        "fire " + run.fire.key() + " is already running",
                        false);
            }
            return finish(run, Result.SKIPPED_LOCKED, 0, null, "another run of this job holds the lock", false);
        }
        try (LogContext.Scope token =
                        LogContext.with(LogContext.FENCING_TOKEN, lease.get().fencingToken());
                LeaseKeeper keeper = new LeaseKeeper(lease.get(), timer, acquiredAt)) {
            gate.track(keeper);
            try {
                return claimed(run, keeper);
            } finally {
                gate.untrack(keeper);
            }
        }
    }

    private boolean alreadyClaimed(Run run) {
        try {
            return claims.isClaimed("fire:" + run.fire.key());
        } catch (LockUnavailableException e) {
            return false;
        }
    }

    private RunRecord claimed(Run run, LeaseKeeper keeper) {
        try {
            if (!claims.claim("fire:" + run.fire.key(), CLAIM_TTL)) {
                return finish(run, Result.SKIPPED_DUPLICATE, 0, null, "fire " + run.fire.key() + " already ran", false);
            }
        } catch (LockUnavailableException e) {
            if (keeper != null) {
                return finish(
                        run,
                        Result.SKIPPED_LOCK_UNAVAILABLE,
                        0,
                        null,
                        "claim store unreachable, not run (fail closed): " + e.getMessage(),
                        true);
            }
            // lock: none chose availability over exclusion; run without the duplicate check.
        }
        return attempts(run, keeper);
    }

    private RunRecord attempts(Run run, LeaseKeeper keeper) {
        long fence = keeper == null ? 0 : keeper.fencingToken();
        // Only a run holding the lock can be found to be stopped (its fencing token names it).
        StopSignal stop = keeper == null ? null : new StopSignal(run.spec, fence);
        RetryPolicy retry = run.spec.retry();
        AttemptResult last = null;
        for (int n = 1; n <= retry.maxAttempts(); n++) {
            Optional<Interruption> before = interruption(keeper, stop);
            if (before.isPresent()) {
                return finish(
                        run,
                        before.get().result(),
                        n - 1,
                        last,
                        before.get().cause() + " before attempt " + n + ", without touching the target again",
                        true);
            }
            last = attempt(
                    run,
                    new Attempt(
                            run.fire,
                            n,
                            fence,
                            run.spec.timeout(),
                            () -> interruption(keeper, stop).isPresent(),
                            () -> run.spec.detachOnShutdown() && gate.aborted() && (keeper == null || !keeper.lost())));
            if (last.mayStillRun() && keeper != null) {
                // Released only under work known to have stopped: another replica could start the
                // next slot beside a task or execution that is still running.
                keeper.holdUnstopped("attempt " + n + ": " + last.detail());
            }
            if (last.succeeded()) {
                return finish(run, Result.SUCCEEDED, n, last, last.detail(), false);
            }
            if (last.outcome() == AttemptResult.Outcome.DETACHED) {
                return detached(run, keeper, n, last);
            }
            // A target told to stop reports a timeout or a failure; name the real cause instead.
            String stopped = last.mayStillRun() ? "target's stop not confirmed" : "target stopped";
            Optional<Interruption> during = interruption(keeper, stop);
            if (during.isPresent()) {
                return finish(
                        run,
                        during.get().result(),
                        n,
                        last,
                        during.get().cause() + " during attempt " + n + ", " + stopped + ": " + last.detail(),
                        true);
            }
            if (last.mayStillRun() || n == retry.maxAttempts()) {
                // No retry beside an attempt that may still be running.
                Result r = last.outcome() == AttemptResult.Outcome.TIMED_OUT ? Result.TIMED_OUT : Result.FAILED;
                return finish(run, r, n, last, last.detail(), true);
            }
            gate.pause(retry.delayAfter(n, gate.random()));
        }
        throw new IllegalStateException("a retry policy makes at least one attempt");
    }

    /** Why a run must stop now: its result, and the cause as the history words it. */
    private record Interruption(Result result, String cause) {}

    /**
     * What stops this run now, if anything, in the order a cause is named: the lease lost (the run
     * may no longer be the only one), the bot shutting down, or a {@code /cron stop}.
     */
    private Optional<Interruption> interruption(@Nullable LeaseKeeper keeper, @Nullable StopSignal stop) {
        if (keeper != null && keeper.lost()) {
            return Optional.of(new Interruption(Result.LEASE_LOST, "lease lost"));
        }
        if (gate.aborted()) {
            return Optional.of(new Interruption(Result.SHUTDOWN, "shut down"));
        }
        if (stop != null && stop.requested()) {
            return Optional.of(new Interruption(Result.STOPPED, "stopped (/cron stop)"));
        }
        return Optional.empty();
    }

    /**
     * Records a run left running at shutdown: the fire stays claimed (no replica starts that slot
     * again), and the lock is not released but lapses at the end of its lease, so the next slot does
     * not start beside remote work that may still be running.
     */
    private RunRecord detached(Run run, LeaseKeeper keeper, int n, AttemptResult last) {
        String lock = keeper == null
                ? ""
                : "; the lock lapses within " + run.spec.lease().toSeconds() + " s";
        if (keeper != null) {
            keeper.hold();
        }
        return finish(run, Result.DETACHED, n, last, "detached by shutdown: " + last.detail() + lock, false);
    }

    private static AttemptResult attempt(Run run, Attempt attempt) {
        try {
            return run.spec.target().run(attempt);
        } catch (RuntimeException e) {
            return AttemptResult.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private RunRecord finish(Run run, Result result, int attempts, AttemptResult last, String detail, boolean notify) {
        Map<String, String> refs = last == null ? Map.of() : last.refs();
        Integer exit = last == null ? null : last.exitCode();
        RunRecord rec = new RunRecord(
                run.spec.name(),
                run.fire.key(),
                run.fire.slot(),
                run.trigger,
                run.start,
                clock.instant(),
                attempts,
                result,
                exit,
                detail,
                refs);
        if (result == Result.SKIPPED_DUPLICATE) {
            notices.duplicateQuietly(history, rec);
        } else {
            notices.recordQuietly(history, rec);
        }
        if (notify) {
            notices.failure(run.spec.channel(), rec);
        }
        return rec;
    }

    private record Run(JobSpec spec, FireIdentity fire, String trigger, Instant start) {}
}
