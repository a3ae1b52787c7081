package dev.cutover.core.approval;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a change request: {@code PENDING → APPROVED → APPLYING → DONE | FAILED | DRIFTED},
 * {@code APPLYING → SUBMITTED → DONE | UNCONFIRMED} (Route 53 accepted the change, but it was not
 * INSYNC within the wait: it is propagating and still polled), and {@code PENDING → REJECTED |
 * CANCELLED | EXPIRED}. Every transition is one compare-and-set in the store, so of two racing
 * clicks exactly one wins.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    APPLYING,
    /** Accepted by Route 53 but not yet INSYNC: propagating, polled until INSYNC or a long limit. */
    SUBMITTED,
    DONE,
    /** Accepted by Route 53, still not INSYNC at the long limit: the console must tell. */
    UNCONFIRMED,
    FAILED,
    DRIFTED,
    REJECTED,
    CANCELLED,
    EXPIRED;

    private static final Set<ApprovalState> OPEN = EnumSet.of(PENDING, APPROVED, APPLYING, SUBMITTED);

    /** True while the request holds its pair: pending, approved, applying or submitted. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Whether {@code next} may follow this state. */
    public boolean canBecome(ApprovalState next) {
        return switch (this) {
            case PENDING -> next == APPROVED || next == REJECTED || next == CANCELLED || next == EXPIRED;
            case APPROVED -> next == APPLYING || next == DRIFTED || next == FAILED;
            case APPLYING -> next == DONE || next == FAILED || next == DRIFTED || next == SUBMITTED;
            case SUBMITTED -> next == DONE || next == UNCONFIRMED;
            default -> false;
        };
    }

    /** The state's word for people and the audit trail: {@code propagating} for SUBMITTED. */
    public String word() {
        return this == SUBMITTED ? "propagating" : name().toLowerCase();
    }
}
