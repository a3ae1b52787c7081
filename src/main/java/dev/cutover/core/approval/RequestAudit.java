package dev.cutover.core.approval;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.dns.SwapPlan;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Writes each step of a request to the {@link AuditLog}, with the details a reviewer needs. */
final class RequestAudit {
    private final AuditLog audit;
    private final Clock clock;

    RequestAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a new request of {@code kind} for {@code plan}. */
    void requested(ApprovalRequest r, String user) {
        record(r, "requested", user, Map.of("kind", r.kind().word(), "plan", planText(r.plan())));
    }

    /** Records a decision ({@code action}) with the request's state and approvals after it. */
    void decided(ApprovalRequest r, String action, String user) {
        record(r, action, user, detailOf(r));
    }

    /** Records {@code r}'s new state by name, with {@code detail}. */
    void changed(ApprovalRequest r, String user, Map<String, String> detail) {
        record(r, r.state().word(), user, detail);
    }

    private void record(ApprovalRequest r, String action, String user, Map<String, String> detail) {
        audit.append(new AuditEvent(clock.instant(), r.pair(), r.id(), action, user, detail));
    }

    private static Map<String, String> detailOf(ApprovalRequest r) {
        Map<String, String> d = new HashMap<>();
        d.put("state", r.state().name());
        d.put("approvals", r.approvals().size() + "/" + r.requiredApprovals());
        if (r.closedBy() != null && r.closedBy().reason() != null) {
            d.put("reason", r.closedBy().reason());
        }
        r.approvals().stream()
                .filter(Decision::breakGlass)
                .findFirst()
                .ifPresent(b -> d.put("breakGlassReason", b.reason()));
        // Only a pre-approval (rollbackOnAlarm) is an approval with a reason that is not break-glass.
        r.approvals().stream()
                .filter(a -> !a.breakGlass() && a.reason() != null)
                .findFirst()
                .ifPresent(p -> d.put("preApproved", p.reason()));
        return d;
    }

    private static String planText(SwapPlan plan) {
        return plan.pair().blue() + " -> " + SwapPlan.targets(plan.blueAfter()) + "; "
                + plan.pair().green() + " -> " + SwapPlan.targets(plan.greenAfter());
    }
}
