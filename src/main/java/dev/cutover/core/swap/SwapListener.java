package dev.cutover.core.swap;

import dev.cutover.core.approval.AppliedSwap;

/** Hears of each swap (or rollback) once Route 53 accepted its change batch. */
@FunctionalInterface
public interface SwapListener {
    /**
     * Called once per applied change, on the thread that applied it; must not block (start slow work
     * elsewhere) and should not throw (a thrown exception is logged and ignored).
     */
    void applied(AppliedSwap applied);
}
