package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.dns.SwapException;

/** The result of asking {@link SwapWorkflow} for a change. */
public sealed interface RequestOutcome {
    /** The request is open and its message posted. */
    record Posted(ApprovalRequest request) implements RequestOutcome {}

    /** Not allowed now; nothing was opened. */
    record Refused(Refusal why) implements RequestOutcome {}

    /** The change could not be planned from the records ({@code error}); nothing was opened. */
    record CannotPlan(SwapException error) implements RequestOutcome {}

    /** The request message could not be posted ({@code error}); the request was closed again. */
    record NotPosted(String error) implements RequestOutcome {}
}
