package dev.cutover.core.approval;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Why a request, decision or freeze was refused. Nothing changed when one is returned; the chat
 * side words it for the user.
 */
public sealed interface Refusal {
    /** Requests of {@code pair} are allowed only in {@code channels}. */
    record WrongChannel(String pair, Set<String> channels) implements Refusal {}

    /** The user is not one of {@code requesters} of {@code pair}. */
    record MayNotRequest(String pair, Set<String> requesters) implements Refusal {}

    /** {@code pair} is frozen. */
    record Frozen(String pair, Freeze freeze) implements Refusal {}

    /** Request {@code openId} (shown as {@code open} when it could be read) holds {@code pair}. */
    record Busy(String pair, String openId, Optional<ApprovalRequest> open) implements Refusal {}

    /** {@code pair} stayed busy while a new request was being opened (it changed hands twice). */
    record StillBusy(String pair) implements Refusal {}

    /** The request does not exist (any more). */
    record NoSuchRequest() implements Refusal {}

    /** The request's pair is no longer configured. */
    record PairGone(String pair) implements Refusal {}

    /** The request expired at {@code at}. */
    record Expired(Instant at) implements Refusal {}

    /** The request is no longer pending: {@code request} says who ended it. */
    record AlreadyDecided(ApprovalRequest request) implements Refusal {}

    /** The decision lost too many compare-and-set races in a row. */
    record TooManyDeciders() implements Refusal {}

    /** The requester tried to approve their own request without break-glass (four-eyes). */
    record OwnRequest(Set<String> approvers) implements Refusal {}

    /** The requester of a traffic shift tried to promote its step (four-eyes: only another approver may). */
    record OwnShiftPromote(Set<String> approvers) implements Refusal {}

    /**
     * A traffic shift holds {@code pair}: shift {@code shiftId}, in {@code state} (its word), asked
     * for by {@code requester} (a Slack user id).
     */
    record ShiftBusy(String pair, String shiftId, String state, String requester) implements Refusal {}

    /** Break-glass by a requester who is not an approver of {@code pair}. */
    record BreakGlassNotApprover(String pair) implements Refusal {}

    /** Break glass was clicked on somebody else's request. */
    record BreakGlassNotOwn() implements Refusal {}

    /** A reason is required and was empty. */
    record NeedsReason(ReasonFor what) implements Refusal {}

    /**
     * A reason longer than {@link #MAX_REASON} characters: it is kept whole in the audit trail and
     * shown in messages, so it must stay short.
     *
     * @param length the reason's length, in characters
     */
    record ReasonTooLong(ReasonFor what, int length) implements Refusal {}

    /** The longest reason (freeze, rejection, break-glass) accepted, in characters. */
    int MAX_REASON = 500;

    /** A refusal when {@code reason} is longer than {@link #MAX_REASON}, else empty. */
    static Optional<Refusal> ifTooLong(ReasonFor what, String reason) {
        return reason.length() > MAX_REASON ? Optional.of(new ReasonTooLong(what, reason.length())) : Optional.empty();
    }

    /** The user is not one of {@code approvers} of {@code pair}. */
    record NotApprover(String pair, Set<String> approvers) implements Refusal {}

    /** The user approved already; {@code approvals} of {@code required} so far. */
    record AlreadyApproved(int approvals, int required) implements Refusal {}

    /** Only approvers of {@code pair} may reject. */
    record MayNotReject(String pair) implements Refusal {}

    /** Only {@code requester} may cancel. */
    record NotRequester(String requester) implements Refusal {}

    /** Only requesters and approvers of {@code pair} may freeze it. */
    record MayNotFreeze(String pair) implements Refusal {}

    /** Only {@code approvers} of {@code pair} may lift its freeze. */
    record MayNotUnfreeze(String pair, Set<String> approvers) implements Refusal {}

    /** {@code pair} is not frozen, so there is nothing to lift. */
    record NotFrozen(String pair) implements Refusal {}

    /** What a missing reason was for. */
    enum ReasonFor {
        BREAK_GLASS,
        REJECTION,
        FREEZE
    }
}
