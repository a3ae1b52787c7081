package dev.cutover.core.approval;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a change request: {@code PENDING → APPROVED → APPLYING → DONE | FAILED | DRIFTED},
 * and {@code PENDING → REJECTED | CANCELLED | EXPIRED}. Every transition is one compare-and-set in
 * the store, so of two racing clicks exactly one wins.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    APPLYING,
    DONE,
    FAILED,
    DRIFTED,
    REJECTED,
    CANCELLED,
    EXPIRED;

    private static final Set<ApprovalState> OPEN = EnumSet.of(PENDING, APPROVED, APPLYING);

    /** True while the request holds its pair: pending, approved or applying. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Whether {@code next} may follow this state. */
    public boolean canBecome(ApprovalState next) {
        return switch (this) {
            case PENDING -> next == APPROVED || next == REJECTED || next == CANCELLED || next == EXPIRED;
            case APPROVED -> next == APPLYING || next == DRIFTED || next == FAILED;
            case APPLYING -> next == DONE || next == FAILED || next == DRIFTED;
            default -> false;
        };
    }
}
