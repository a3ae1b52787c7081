package dev.cutover.core.traffic;

import java.util.List;
import java.util.Optional;

/**
 * Where shifts live, shared by every replica. A shift holds its pair's one open-change slot, the
 * same one a swap or rollback request holds, so {@code /swap} and {@code /shift} exclude each other.
 * Every write is one compare-and-set on the shift's version. Implementations: Redis and in memory;
 * an unreachable store throws {@link dev.cutover.core.approval.StoreUnavailableException}.
 */
public interface ShiftStore {
    /**
     * Stores a new shift (PENDING, version 1) and makes it its pair's open change, unless the pair
     * has one.
     *
     * @return empty when created; otherwise the id of the pair's open change (a swap request or a
     *     shift), and nothing was stored
     */
    Optional<String> createIfIdle(Shift shift);

    /** The shift with {@code id}, or empty. */
    Optional<Shift> get(String id);

    /**
     * Replaces a shift by {@code next} if the stored one's version is {@code next.version() - 1};
     * when {@code next} is closed, the pair is released in the same step.
     *
     * @return true when replaced; false when another writer got there first
     */
    boolean compareAndSet(Shift next);

    /**
     * Replaces an ended shift by {@code next}, an open state (an abort of a HALTED or STOPPED
     * shift), if the stored one's version is {@code next.version() - 1}, and makes it its pair's
     * open change again in the same step, unless another change holds the pair.
     *
     * @return empty when replaced; otherwise why not, and nothing was stored: the id of the change
     *     holding the pair, or {@code next.id()} itself when another writer changed the shift first
     */
    Optional<String> reopenIfIdle(Shift next);

    /** The id of the pair's most recent shift, open or not, or empty. */
    Optional<String> latest(String pair);

    /** The ids of every open shift, for the sweep of any replica. */
    List<String> openIds();
}
