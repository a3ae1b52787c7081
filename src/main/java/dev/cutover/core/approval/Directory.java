package dev.cutover.core.approval;

import java.util.Set;

/**
 * Resolves user groups to their members (Slack: usergroups.users.list), so that approver lists can
 * name a team instead of people.
 */
public interface Directory {
    /**
     * The user IDs in {@code groupId}.
     *
     * @return the members; empty for an empty or disabled group
     * @throws RuntimeException when the chat service cannot be asked; callers refuse the action
     */
    Set<String> members(String groupId);

    /** True when {@code userId} is one of {@code principals}, directly or through a group. */
    default boolean matches(String userId, Set<String> principals) {
        if (principals.contains(userId)) {
            return true;
        }
        for (String p : principals) {
            if (p.startsWith("S") && members(p).contains(userId)) {
                return true;
            }
        }
        return false;
    }
}
