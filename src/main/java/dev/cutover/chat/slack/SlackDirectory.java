package dev.cutover.chat.slack;

import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.cutover.core.approval.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves Slack user groups with usergroups.users.list (scope usergroups:read), caching each
 * group's members for a while: the method is Tier 2 (about 20 calls per minute).
 *
 * @see <a href="https://api.slack.com/methods/usergroups.users.list">usergroups.users.list</a>
 */
public final class SlackDirectory implements Directory {
    private record Cached(Set<String> members, Instant at) {}

    private final SlackWebApi api;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param ttl how long a group's member list is reused */
    public SlackDirectory(SlackWebApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * {@inheritDoc}
     *
     * @throws SlackApiCallException when Slack refuses (e.g. {@code no_such_subteam}, {@code missing_scope})
     */
    @Override
    public Set<String> members(String groupId) {
        Instant now = clock.instant();
        Cached c = cache.get(groupId);
        if (c != null && now.isBefore(c.at().plus(ttl))) {
            return c.members();
        }
        UsergroupsUsersListResponse r =
                api.call("usergroups.users.list", () -> api.methods().usergroupsUsersList(x -> x.usergroup(groupId)));
        Set<String> members = Set.copyOf(r.getUsers());
        cache.put(groupId, new Cached(members, now));
        return members;
    }
}
