package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.dns.SwapException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One apply of an approved request, from the drift check to INSYNC, reporting each step. */
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
            end(new SwapStep.Refused(ex));
            return;
        } catch (RuntimeException ex) {
            log.error("apply of {} failed before submitting", r.id(), ex);
            end(new SwapStep.FailedBeforeSubmit(String.valueOf(ex.getMessage())));
            return;
        }
        flow.recordApplied(r, changeId);
        flow.display.progress(r, new SwapStep.Submitted(changeId));
        awaitInsync(changeId);
    }

    private void awaitInsync(String changeId) {
        try {
            Duration took = flow.dns.awaitInsync(changeId, flow.insyncTimeout);
            end(new SwapStep.Applied(changeId, took));
        } catch (SwapException ex) {
            end(new SwapStep.NotInsync(changeId, flow.insyncTimeout, ex.getMessage()));
        }
    }

    private void end(SwapStep.End end) {
        flow.finish(r, end);
        flow.display.progress(r, end);
    }
}
