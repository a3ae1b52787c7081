package dev.cutover.core.swap;

import dev.cutover.core.approval.ApplyProgress;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.audit.LogContext;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One apply of an approved request that this replica owns (APPLYING, its lease), from the drift
 * check to INSYNC or to SUBMITTED, reporting each step; or the resumption of an apply whose owner
 * stopped. The lease is renewed while waiting; once another replica holds it, this one stops
 * without writing anything. When this replica stops, it hands the apply back (see {@link
 * DrivenApplies}); merely interrupted, it writes nothing.
 */
final class SwapApply {
    private static final Logger log = LoggerFactory.getLogger(SwapApply.class);

    private final SwapWorkflow flow;
    private final SwapPlanner planner;
    private final ApprovalRequest r;

    SwapApply(SwapWorkflow flow, SwapPlanner planner, ApprovalRequest r) {
        this.flow = flow;
        this.planner = planner;
        this.r = r;
    }

    /** A fresh apply: re-read, submit, store the change id, wait. */
    void run() {
        String changeId;
        try {
            Optional<String> drift = planner.drift(r.plan());
            if (drift.isPresent()) {
                end(new SwapStep.Drifted(drift.get()));
                return;
            }
            changeId = flow.dns.submit(
                    r.plan().pair().zoneId(),
                    r.plan().changes(),
                    r.kind().word() + " " + r.pair() + " request " + r.id());
        } catch (SwapException ex) {
            if (!handedBack()) {
                end(new SwapStep.Refused(ex));
            }
            return;
        } catch (RuntimeException ex) {
            if (handedBack()) {
                return;
            }
            log.error("apply of {} failed before submitting", r.id(), ex);
            end(new SwapStep.FailedBeforeSubmit(String.valueOf(ex.getMessage())));
            return;
        }
        try (LogContext.Scope c = LogContext.with(LogContext.CHANGE_ID, changeId)) {
            Instant at = flow.clock.instant();
            // Stored before anything else: a replica resuming this apply polls this change.
            if (renew(p -> p.submitted(changeId, at)).isEmpty()) {
                log.warn("apply of {} was taken over while submitting change {}", r.id(), changeId);
                return;
            }
            log.info("submitted change {} of request {}", changeId, r.id());
            flow.recordApplied(r, changeId);
            flow.display.progress(r, new SwapStep.Submitted(changeId));
            await(changeId);
        }
    }

    /**
     * Resumes an apply taken over from a replica that stopped: with a change id, waits for it;
     * without one, re-reads the records: as planned after (done), as before (nothing applied), or
     * anything else (drifted, with the difference). A read that fails leaves it for the next sweep.
     */
    void resume() {
        ApplyProgress p = r.apply();
        if (p != null && p.changeId() != null) {
            resume(p.changeId());
            return;
        }
        reread();
    }

    private void resume(String changeId) {
        try (LogContext.Scope c = LogContext.with(LogContext.CHANGE_ID, changeId)) {
            boolean recorded = flow.store
                    .lastApplied(r.pair())
                    .map(a -> a.requestId().equals(r.id()) && a.changeId().equals(changeId))
                    .orElse(false);
            if (!recorded) {
                flow.recordApplied(r, changeId);
            }
            await(changeId);
        }
    }

    private void reread() {
        List<RecordSet> blue;
        List<RecordSet> green;
        try {
            blue = flow.dns.read(r.plan().pair().zoneId(), r.plan().pair().blue());
            green = flow.dns.read(r.plan().pair().zoneId(), r.plan().pair().green());
        } catch (SwapException ex) {
            if (!handedBack()) {
                log.warn("could not re-read the records of {} to resume it: {}", r.id(), ex.getMessage());
            }
            return;
        }
        if (r.plan().isResultOf(blue, green)) {
            flow.recordApplied(r, SwapStep.FoundApplied.UNKNOWN_CHANGE);
            end(new SwapStep.FoundApplied());
            return;
        }
        Optional<String> difference = r.plan().differenceFrom(blue, green);
        end(difference.isEmpty() ? new SwapStep.Interrupted() : new SwapStep.Drifted(difference.get()));
    }

    /**
     * Waits for INSYNC up to the timeout in steps of a third of the lease, renewing the lease
     * between them; reports the time to INSYNC as the sum of the steps.
     */
    private void await(String changeId) {
        long deadline = System.nanoTime() + flow.insyncTimeout.toNanos();
        Duration step = SwapWorkflow.LEASE.dividedBy(3);
        Duration waited = Duration.ZERO;
        String error = null;
        for (long left = flow.insyncTimeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            if (handedBack()) {
                return;
            }
            Duration chunk = Duration.ofNanos(Math.min(left, step.toNanos()));
            try {
                Duration took = flow.dns.awaitInsync(changeId, chunk);
                end(new SwapStep.Applied(changeId, waited.plus(took)));
                return;
            } catch (SwapException ex) {
                if (handedBack()) {
                    return;
                }
                if (ex.kind() != SwapException.Kind.INSYNC_TIMEOUT) {
                    error = ex.getMessage();
                    break;
                }
            }
            waited = waited.plus(chunk);
            if (renew(p -> p).isEmpty()) {
                return;
            }
        }
        end(new SwapStep.Propagating(changeId, waited, error));
    }

    /**
     * Whether this apply must stop here without an end: when this replica is stopping, it is handed
     * back (its lease lapses now, the change id is kept), since Route 53 may still complete what it
     * accepted; when only the thread was interrupted (its pool stopped abruptly), nothing is written
     * and the lease lapses by itself. Either way any replica resumes it.
     */
    private boolean handedBack() {
        if (flow.driven.stopping()) {
            flow.driven.handBack(r);
            return true;
        }
        return Thread.currentThread().isInterrupted();
    }

    private Optional<ApprovalRequest> renew(UnaryOperator<ApplyProgress> change) {
        Instant until = flow.driven.leaseUntil();
        return flow.approvals().leases().update(r.id(), flow.owner, p -> change.apply(p)
                .leasedTo(flow.owner, until));
    }

    private void end(SwapStep.End end) {
        flow.end(r, flow.owner, end);
    }
}
