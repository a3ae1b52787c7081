package dev.cutover.core.approval;

import java.time.Duration;
import java.util.List;
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
 * @param rollbackOnAlarm the guard alarms that start a rollback of the pair without approvals
 *     ({@code rollbackOnAlarm: true}); empty when that is off
 */
public record ApprovalPolicy(
        Set<String> channels,
        Set<String> requesters,
        Set<String> approvers,
        int requiredApprovals,
        Duration expiry,
        boolean breakGlass,
        List<String> rollbackOnAlarm) {
    public ApprovalPolicy {
        rollbackOnAlarm = rollbackOnAlarm == null ? List.of() : List.copyOf(rollbackOnAlarm);
        channels = Set.copyOf(channels);
        requesters = Set.copyOf(requesters);
        approvers = Set.copyOf(approvers);
        if (requiredApprovals < 1) {
            throw new IllegalArgumentException("requiredApprovals must be at least 1");
        }
    }

    /** A policy without rollbacks on alarm. */
    public ApprovalPolicy(
            Set<String> channels,
            Set<String> requesters,
            Set<String> approvers,
            int requiredApprovals,
            Duration expiry,
            boolean breakGlass) {
        this(channels, requesters, approvers, requiredApprovals, expiry, breakGlass, List.of());
    }
}
