package dev.cutover.core.home;

import java.time.Instant;
import java.util.List;

/**
 * The users who opened the bot's Home lately, shared by every replica, so whichever replica sees a
 * change re-publishes their Home (port). Implementations: Redis (one sorted set) and in memory.
 */
public interface HomeViewers {
    /** Records that {@code userId} opened the Home at {@code at} (a later open replaces an earlier one). */
    void opened(String userId, Instant at);

    /**
     * The users whose latest open is at or after {@code since}, in no particular order; older opens
     * may be forgotten by the implementation.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    List<String> since(Instant since);
}
