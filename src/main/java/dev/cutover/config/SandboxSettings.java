package dev.cutover.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sandbox:} section, used only by {@code cutover-bot sandbox}.
 *
 * @param users console user names to Slack user IDs (default alice, bob, carol, dave)
 * @param groups user-group IDs to member user IDs, for approvers given as groups
 * @param channel the channel the console types in (default the first pair's first channel, or
 *     {@code C0SANDBOX})
 * @param insyncDelay how long the simulated Route 53 keeps a change PENDING (default 2s)
 */
public record SandboxSettings(
        Map<String, String> users, Map<String, List<String>> groups, String channel, Duration insyncDelay) {
    public SandboxSettings {
        if (users == null || users.isEmpty()) {
            users = new LinkedHashMap<>();
            users.put("alice", "U0ALICE");
            users.put("bob", "U0BOB");
            users.put("carol", "U0CAROL");
            users.put("dave", "U0DAVE");
        }
        for (Map.Entry<String, String> u : users.entrySet()) {
            if (u.getValue() == null || !u.getValue().matches("[UW][A-Z0-9]{2,}")) {
                throw ConfigException.invalid("users." + u.getKey(), "expected a user ID such as U0ALICE");
            }
        }
        users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
        groups = groups == null ? Map.of("S0SRE", List.of("U0CAROL")) : Map.copyOf(groups);
        insyncDelay = insyncDelay == null ? Duration.ofSeconds(2) : insyncDelay;
    }

    /** Every default. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(null, null, null, null);
    }
}
