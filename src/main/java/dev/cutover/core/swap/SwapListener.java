package dev.cutover.core.swap;

import dev.cutover.core.approval.AppliedSwap;

/** Hears of each change batch Route 53 accepted for a swap or rollback (the cutover watch). */
@FunctionalInterface
public interface SwapListener {
    /** {@code applied} was submitted; called once per apply, before INSYNC. Should not block. */
    void applied(AppliedSwap applied);
}
