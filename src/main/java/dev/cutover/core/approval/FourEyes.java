package dev.cutover.core.approval;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The four-eyes rules of a pair's {@link ApprovalPolicy}: who may request, approve, reject,
 * cancel, freeze and lift a freeze. User groups are resolved through the {@link Directory}, which
 * may call the chat service: never call these before a command is acknowledged.
 */
public final class FourEyes {
    private final Directory directory;

    public FourEyes(Directory directory) {
        this.directory = directory;
    }

    /** Whether {@code user} may ask for a change of {@code pair} in {@code channel}. */
    public Optional<Refusal> mayRequest(String pair, ApprovalPolicy policy, String user, String channel) {
        Optional<Refusal> wrongChannel = channel(pair, policy, channel);
        if (wrongChannel.isPresent()) {
            return wrongChannel;
        }
        if (!isRequester(user, policy)) {
            return Optional.of(new Refusal.MayNotRequest(pair, policy.requesters()));
        }
        return Optional.empty();
    }

    /**
     * Whether changes of {@code pair} may be requested in {@code channel}. Reads only the policy, so
     * it may run before a command is acknowledged.
     */
    public static Optional<Refusal> channel(String pair, ApprovalPolicy policy, String channel) {
        return policy.channels().isEmpty() || policy.channels().contains(channel)
                ? Optional.empty()
                : Optional.of(new Refusal.WrongChannel(pair, policy.channels()));
    }

    /**
     * Whether {@code user} may approve the pending request {@code r}. The requester may only under
     * break-glass, as an approver, with a reason; everyone else must be an approver who has not
     * approved yet.
     *
     * @param breakGlassReason the reason typed for a break-glass self-approval, or null
     */
    public Optional<Refusal> mayApprove(
            ApprovalRequest r, String user, @Nullable String breakGlassReason, ApprovalPolicy policy) {
        boolean own = r.requester().equals(user);
        if (own && !policy.breakGlass()) {
            return Optional.of(new Refusal.OwnRequest(policy.approvers()));
        }
        if (own && !isApprover(user, policy)) {
            return Optional.of(new Refusal.BreakGlassNotApprover(r.pair()));
        }
        if (own && (breakGlassReason == null || breakGlassReason.isBlank())) {
            return Optional.of(new Refusal.NeedsReason(Refusal.ReasonFor.BREAK_GLASS));
        }
        if (own) {
            Optional<Refusal> tooLong = Refusal.ifTooLong(Refusal.ReasonFor.BREAK_GLASS, breakGlassReason);
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        if (!own && !isApprover(user, policy)) {
            return Optional.of(new Refusal.NotApprover(r.pair(), policy.approvers()));
        }
        if (r.approvedBy(user)) {
            return Optional.of(new Refusal.AlreadyApproved(r.approvals().size(), r.requiredApprovals()));
        }
        return Optional.empty();
    }

    /** Only approvers may reject, and a reason is required ({@code reason} null: none was typed). */
    public Optional<Refusal> mayReject(ApprovalRequest r, String user, @Nullable String reason, ApprovalPolicy policy) {
        if (!isApprover(user, policy)) {
            return Optional.of(new Refusal.MayNotReject(r.pair()));
        }
        if (reason == null || reason.isBlank()) {
            return Optional.of(new Refusal.NeedsReason(Refusal.ReasonFor.REJECTION));
        }
        return Refusal.ifTooLong(Refusal.ReasonFor.REJECTION, reason);
    }

    /** Only the requester may cancel. */
    public Optional<Refusal> mayCancel(ApprovalRequest r, String user) {
        return r.requester().equals(user) ? Optional.empty() : Optional.of(new Refusal.NotRequester(r.requester()));
    }

    /** Anyone who may request or approve changes of {@code pair} may freeze it: a freeze only blocks. */
    public Optional<Refusal> mayFreeze(String pair, String user, ApprovalPolicy policy) {
        return isRequester(user, policy) || isApprover(user, policy)
                ? Optional.empty()
                : Optional.of(new Refusal.MayNotFreeze(pair));
    }

    /** Only approvers may lift a freeze, since it lets changes through again. */
    public Optional<Refusal> mayUnfreeze(String pair, String user, ApprovalPolicy policy) {
        return isApprover(user, policy)
                ? Optional.empty()
                : Optional.of(new Refusal.MayNotUnfreeze(pair, policy.approvers()));
    }

    private boolean isRequester(String user, ApprovalPolicy policy) {
        return policy.requesters().isEmpty() || directory.matches(user, policy.requesters());
    }

    /** Whether {@code user} is one of {@code policy}'s approvers, directly or through a user group. */
    public boolean isApprover(String user, ApprovalPolicy policy) {
        return directory.matches(user, policy.approvers());
    }
}
