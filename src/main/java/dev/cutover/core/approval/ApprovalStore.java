package dev.cutover.core.approval;

import java.util.Optional;

/**
 * Where requests, freezes and the last applied swap of each pair live, shared by every replica.
 * Every write that decides something is one atomic compare-and-set, so two replicas or two clicks
 * racing on the same request cannot both win. Implementations: Redis (Lua scripts) and in memory.
 * A store that cannot be reached throws {@link StoreUnavailableException}; nothing was written.
 */
public interface ApprovalStore {
    /**
     * Stores a new request and makes it its pair's open request, unless the pair already has one.
     *
     * @param request a request in state PENDING, version 1
     * @return empty when created; otherwise the id of the pair's open request, and nothing was stored
     */
    Optional<String> createIfIdle(ApprovalRequest request);

    /** The request with {@code id}, or empty when there is none (never stored, or purged). */
    Optional<ApprovalRequest> get(String id);

    /** The id of the pair's open (pending, approved or applying) request, or empty. */
    Optional<String> openRequest(String pair);

    /**
     * Replaces a request by {@code next} if the stored one's version is {@code next.version() - 1}.
     * When {@code next} is no longer open, the pair is released for new requests in the same step.
     *
     * @return true when replaced; false when another writer got there first (re-read and decide again)
     */
    boolean compareAndSet(ApprovalRequest next);

    /** Declares a freeze on {@code pair}, replacing any earlier one. */
    void freeze(String pair, Freeze freeze);

    /** Lifts the freeze on {@code pair}; returns the lifted freeze, or empty when there was none. */
    Optional<Freeze> unfreeze(String pair);

    /** The freeze on {@code pair}, or empty. */
    Optional<Freeze> frozen(String pair);

    /** Records the change most recently applied to {@code pair}. */
    void recordApplied(String pair, AppliedSwap applied);

    /** The change most recently applied to {@code pair}, or empty when none was. */
    Optional<AppliedSwap> lastApplied(String pair);
}
