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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SlackDirectory.class);
    private static final Set<String> NO_SUCH_GROUP = Set.of("no_such_subteam", "subteam_not_found");

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
        Set<String> members;
        try {
            UsergroupsUsersListResponse r = api.call(
                    "usergroups.users.list", () -> api.methods().usergroupsUsersList(x -> x.usergroup(groupId)));
            members = Set.copyOf(r.getUsers());
        } catch (SlackApiCallException e) {
            if (!NO_SUCH_GROUP.contains(e.error())) {
                throw e;
            }
            // A deleted or misspelt group in a config has no members: its users are not approvers.
            log.warn(
                    "user group {} in the config does not exist in Slack ({}); it counts as empty", groupId, e.error());
            members = Set.of();
        }
        cache.put(groupId, new Cached(members, now));
        return members;
    }
}
