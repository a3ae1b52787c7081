package dev.cutover.core.approval;

import java.time.Duration;
import java.util.Set;

/**
 * Who may request and approve changes of one pair, and how many approvals it takes.
 *
 * @param channels channel IDs where requests are allowed; empty means any
 * @param requesters user and user-group IDs allowed to request; empty means anyone
 * @param approvers user and user-group IDs allowed to approve
 * @param requiredApprovals distinct approvers needed, none of them the requester (four-eyes)
 * @param expiry how long a request waits for its approvals
 * @param breakGlass whether the requester may approve their own request after giving a reason
 */
public record ApprovalPolicy(
        Set<String> channels,
        Set<String> requesters,
        Set<String> approvers,
        int requiredApprovals,
        Duration expiry,
        boolean breakGlass) {
    public ApprovalPolicy {
        channels = Set.copyOf(channels);
        requesters = Set.copyOf(requesters);
        approvers = Set.copyOf(approvers);
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("requiredApprovals must be at least 1");
        }
    }
}
