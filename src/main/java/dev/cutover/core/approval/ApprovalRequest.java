package dev.cutover.core.approval;

import dev.cutover.core.chat.MessageRef;
import dev.cutover.core.dns.SwapPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change waiting for, or past, four-eyes approval. Immutable: every change makes a new value
 * with {@link #version()} one higher, and the store accepts it only over the version it was made
 * from (compare-and-set).
 *
 * @param id the request id, carried by the message's buttons
 * @param version starts at 1, one more per transition
 * @param kind swap or rollback
 * @param plan the plan shown to the approvers; applied only if the records still match it
 * @param requester who asked
 * @param channel where
 * @param message the channel message showing the request, once posted (null before)
 * @param state the current state
 * @param requiredApprovals distinct approvers needed
 * @param createdAt when requested
 * @param expiresAt when a still-pending request expires
 * @param approvals approvals so far, one per user
 * @param closedBy the rejection, cancellation or expiry, or null
 * @param outcome the apply's result for people (change id, seconds to INSYNC, or the error), or null
 * @param apply the apply's owner lease and accepted change, once the apply started (null before)
 */
public record ApprovalRequest(
        String id,
        long version,
        ChangeKind kind,
        SwapPlan plan,
        String requester,
        String channel,
        @Nullable MessageRef message,
        ApprovalState state,
        int requiredApprovals,
        Instant createdAt,
        Instant expiresAt,
        List<Decision> approvals,
        @Nullable Decision closedBy,
        @Nullable String outcome,
        @Nullable ApplyProgress apply) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** The pair's name. */
    public String pair() {
        return plan.pair().name();
    }

    /** True when {@code userId} has approved already. */
    public boolean approvedBy(String userId) {
        return approvals.stream().anyMatch(d -> d.userId().equals(userId));
    }

    /** True when an approval was break-glass (the requester's own), which needs review. */
    public boolean breakGlassUsed() {
        return approvals.stream().anyMatch(Decision::breakGlass);
    }

    /** The next version with {@code state}. */
    public ApprovalRequest withState(ApprovalState next) {
        return next(message, next, approvals, closedBy, outcome, apply);
    }

    /** The next version in {@code next} with the apply's {@code progress}. */
    public ApprovalRequest applying(ApprovalState next, ApplyProgress progress) {
        return next(message, next, approvals, closedBy, outcome, progress);
    }

    /** The next version with one more approval; APPROVED once enough distinct users approved. */
    public ApprovalRequest withApproval(Decision d) {
        List<Decision> more = new ArrayList<>(approvals);
        more.add(d);
        return next(
                message,
                more.size() >= requiredApprovals ? ApprovalState.APPROVED : state,
                more,
                closedBy,
                outcome,
                apply);
    }

    /**
     * The next version APPROVED by {@code d} alone: a change the pair's config approved in advance
     * ({@code rollbackOnAlarm}), whatever {@code requiredApprovals} says.
     */
    public ApprovalRequest preApproved(Decision d) {
        List<Decision> more = new ArrayList<>(approvals);
        more.add(d);
        return next(message, ApprovalState.APPROVED, more, closedBy, outcome, apply);
    }

    /** The next version closed by {@code d} into {@code next} (rejected, cancelled, expired). */
    public ApprovalRequest closed(ApprovalState next, Decision d) {
        return next(message, next, approvals, d, outcome, apply);
    }

    /** The next version in {@code next} with the apply's {@code result}. */
    public ApprovalRequest finished(ApprovalState next, String result) {
        return next(message, next, approvals, closedBy, result, apply);
    }

    /** The next version showing in {@code ref}. */
    public ApprovalRequest postedAt(MessageRef ref) {
        return next(ref, state, approvals, closedBy, outcome, apply);
    }

    /** The next version (one higher) with the fields that change; the rest are fixed at creation. */
    private ApprovalRequest next(
            @Nullable MessageRef ref,
            ApprovalState s,
            List<Decision> decisions,
            @Nullable Decision closer,
            @Nullable String result,
            @Nullable ApplyProgress progress) {
        return new ApprovalRequest(
                id,
                version + 1,
                kind,
                plan,
                requester,
                channel,
                ref,
                s,
                requiredApprovals,
                createdAt,
                expiresAt,
                decisions,
                closer,
                result,
                progress);
    }
}
