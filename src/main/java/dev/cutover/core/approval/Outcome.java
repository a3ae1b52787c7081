package dev.cutover.core.approval;

/** The result of asking the {@link ApprovalService} for something: done, or refused. */
public sealed interface Outcome {
    /** The request as stored after the step. */
    record Done(ApprovalRequest request) implements Outcome {}

    /** Nothing changed; {@code why} says why. */
    record Refused(Refusal why) implements Outcome {}
}
