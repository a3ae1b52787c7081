package dev.cutover.core.traffic;

import dev.cutover.core.approval.Refusal;

/** What a shift request or click came to: the shift as stored now, or why nothing changed. */
public sealed interface ShiftOutcome {
    /** Done; {@code shift} is the stored state after it. */
    record Changed(Shift shift) implements ShiftOutcome {}

    /** A dry run: what a shift of the pair would do from the weights read now. */
    record Planned(ShiftPlan plan, TrafficWeights backend) implements ShiftOutcome {}

    /** Refused by the pair's rules (who, where, freeze, busy); nothing changed. */
    record Refused(Refusal refusal) implements ShiftOutcome {}

    /** The shift is {@code shift.state()}, where this action does not apply; nothing changed. */
    record WrongState(Shift shift) implements ShiftOutcome {}

    /** No such shift, or its pair has no {@code traffic:} any more. */
    record NoSuchShift() implements ShiftOutcome {}

    /**
     * Every step is at or below the share green already has ({@code greenPercent}, 0–100): a shift
     * only ever moves traffic towards green, so nothing was planned or stored.
     */
    record NothingToShift(String pair, int greenPercent) implements ShiftOutcome {}

    /**
     * The weights are not what the shift last wrote ({@code expected}) but {@code now}: an ended
     * shift is not aborted over someone else's change; nothing was written.
     */
    record Drifted(String pair, Weights expected, Weights now) implements ShiftOutcome {}

    /** The weights could not be read to plan: {@code reason} says why. */
    record Unreadable(String reason) implements ShiftOutcome {}
}
