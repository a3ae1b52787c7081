package dev.cutover.core.swap;

import dev.cutover.core.approval.ApplyProgress;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.audit.LogContext;
import dev.cutover.core.dns.SwapException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic care of open requests past their approval, run by every replica: an apply whose
 * owner's lease lapsed is taken over and resumed, an approved request nobody started is applied,
 * and a SUBMITTED change is polled once per sweep until INSYNC or {@link SwapWorkflow#PROPAGATION_LIMIT}.
 * Each step is a compare-and-set, so of two replicas one acts.
 */
final class SwapSweep {
    private static final Logger log = LoggerFactory.getLogger(SwapSweep.class);

    private final SwapWorkflow flow;
    private final SwapPlanner planner;

    SwapSweep(SwapWorkflow flow, SwapPlanner planner) {
        this.flow = flow;
        this.planner = planner;
    }

    /** Looks after {@code r}, an open request; blocks while it resumes an apply (up to the INSYNC wait). */
    void care(ApprovalRequest r) {
        if (flow.driven.stopping()) {
            return;
        }
        try (LogContext.Scope id = LogContext.with(LogContext.REQUEST_ID, r.id());
                LogContext.Scope pair = LogContext.with(LogContext.PAIR, r.pair());
                LogContext.Scope change = LogContext.with(
                        LogContext.CHANGE_ID,
                        r.apply() == null ? null : r.apply().changeId())) {
            careFor(r);
        }
    }

    private void careFor(ApprovalRequest r) {
        Instant now = flow.clock.instant();
        switch (r.state()) {
            case APPROVED -> {
                // Approved but never started (its replica stopped between the approval and the apply).
                Instant approvedAt = r.approvals().isEmpty()
                        ? r.createdAt()
                        : r.approvals().get(r.approvals().size() - 1).at();
                if (!now.isBefore(approvedAt.plus(SwapWorkflow.LEASE))) {
                    flow.apply(r.id());
                }
            }
            case APPLYING -> {
                if (r.apply() == null || r.apply().lapsed(now)) {
                    resume(r, now);
                }
            }
            case SUBMITTED -> poll(r, now);
            default -> {}
        }
    }

    private void resume(ApprovalRequest r, Instant now) {
        String lapsed = r.apply() == null ? "none" : r.apply().owner();
        flow.approvals()
                .leases()
                .takeOver(r.id(), flow.owner, now.plus(SwapWorkflow.LEASE))
                .ifPresent(taken -> {
                    log.info(
                            "resuming the apply of request {} of {}: the lease of {} lapsed", r.id(), r.pair(), lapsed);
                    flow.driven.drive(taken, () -> new SwapApply(flow, planner, taken).resume());
                });
    }

    private void poll(ApprovalRequest r, Instant now) {
        ApplyProgress p = r.apply();
        if (p == null || p.changeId() == null || p.submittedAt() == null) {
            return;
        }
        boolean insync;
        try {
            insync = flow.dns.insync(p.changeId());
        } catch (SwapException ex) {
            log.warn("could not read change {} of request {}: {}", p.changeId(), r.id(), ex.getMessage());
            insync = false;
        }
        Duration since = Duration.between(p.submittedAt(), now);
        if (insync) {
            flow.end(r, null, new SwapStep.Applied(p.changeId(), since));
        } else if (since.compareTo(SwapWorkflow.PROPAGATION_LIMIT) >= 0) {
            flow.end(r, null, new SwapStep.Unconfirmed(p.changeId(), SwapWorkflow.PROPAGATION_LIMIT));
        }
    }
}
