package dev.cutover.core.home;

import java.time.Duration;
import java.time.Instant;

/**
 * The workspace's budget of {@code views.publish} calls, shared by every replica (port): Slack
 * allows a method about so many calls a minute per workspace and app (Tier 4: 100+), however many
 * replicas make them, so pacing each user's Home is not enough once many people watch theirs.
 *
 * <p>A sliding window of {@link #WINDOW}: a publish that a user asked for by opening their Home may
 * use the whole {@link #OPEN_LIMIT}; a re-publish after a change only {@link #CHANGE_LIMIT}, so
 * that opens still get through when changes use their share. Implementations: Redis (one sorted set)
 * and in memory.
 *
 * @see <a href="https://api.slack.com/methods/views.publish">views.publish: Tier 4</a>
 * @see <a href="https://api.slack.com/apis/rate-limits">Slack: rate limits</a>
 */
public interface PublishBudget {
    /** The window the limits count over. */
    Duration WINDOW = Duration.ofMinutes(1);

    /** Publishes per {@link #WINDOW} that opens may use (Tier 4's 100, less some headroom). */
    int OPEN_LIMIT = 90;

    /** Publishes per {@link #WINDOW} that re-publishes after changes may use. */
    int CHANGE_LIMIT = 60;

    /**
     * Takes one publish from the budget if it has room under the limit for this kind of publish.
     *
     * @param open whether a user asked for it by opening their Home (else: a re-publish after a change)
     * @param now the caller's time
     * @return {@link Duration#ZERO} when taken (publish now); otherwise how long until there is room
     *     (nothing was taken)
     * @throws RuntimeException when the shared store cannot be reached
     */
    Duration take(boolean open, Instant now);

    /** The limit for this kind of publish. */
    static int limit(boolean open) {
        return open ? OPEN_LIMIT : CHANGE_LIMIT;
    }
}
