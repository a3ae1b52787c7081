package dev.cutover.core.approval;

/**
 * Hears of each request the {@link ApprovalService} expires, whichever call noticed it (a late
 * click, a new request on the pair, or the periodic sweep), so its message can say so.
 */
@FunctionalInterface
public interface ExpiryListener {
    /** {@code request} is now EXPIRED. Must not throw; it runs inside the call that noticed. */
    void expired(ApprovalRequest request);
}
