package dev.cutover.core.traffic;

/**
 * Where a shift stands. {@code PENDING → APPLYING → BAKING → APPLYING → ... → DONE}; a bake may be
 * {@code PAUSED}; a crossed threshold ends it {@code HALTED} or, through {@code REVERTING},
 * {@code REVERTED}; an abort goes through {@code ABORTING} to {@code ABORTED}; a refused
 * compare-and-swap ends it {@code STOPPED}; an unapproved plan is {@code EXPIRED} or
 * {@code CANCELLED}. A {@code HALTED} or {@code STOPPED} shift may still be aborted: it then takes
 * its pair again and goes through {@code ABORTING} (see {@link ShiftService#abort}).
 */
public enum ShiftState {
    PENDING,
    APPLYING,
    BAKING,
    PAUSED,
    REVERTING,
    ABORTING,
    DONE,
    HALTED,
    REVERTED,
    ABORTED,
    STOPPED,
    EXPIRED,
    CANCELLED;

    /** True while the shift holds its pair (no other swap or shift may start). */
    public boolean isOpen() {
        return ordinal() <= ABORTING.ordinal();
    }

    /** True in the states where the weights are being written and a replica holds the claim. */
    public boolean isWriting() {
        return this == APPLYING || this == REVERTING || this == ABORTING;
    }

    /** The word in messages: {@code baking}, {@code halted}. */
    public String word() {
        return name().toLowerCase();
    }
}
