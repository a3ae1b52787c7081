package dev.cutover.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code pairs:}: two Route 53 records whose targets a swap exchanges.
 *
 * @param name what users type: {@code /swap <name>}; lower-case letters, digits and dashes
 * @param zoneId the hosted zone id ({@code Z...}); a pasted {@code /hostedzone/} prefix is stripped
 * @param blue the first record's name; a trailing dot is optional
 * @param green the second record's name; a trailing dot is optional
 * @param channels Slack channel IDs where the pair may be requested; empty means any channel
 * @param requesters user IDs ({@code U...}/{@code W...}) and user-group IDs ({@code S...}) who may
 *     request; empty means anyone
 * @param approvers user and user-group IDs who may approve; must not be empty
 * @param requiredApprovals distinct approvers needed (default 1)
 * @param expiry how long a request waits for approval (default 15 minutes)
 * @param breakGlass whether the requester may approve their own request after giving a reason
 *     (default false)
 * @param traffic how {@code /shift} moves traffic between the pair's sides in weighted steps, or null
 *     when the pair has no weighted traffic
 * @param guardAlarms CloudWatch alarm names (each matched by an {@code alarms.routes} entry) whose
 *     ALARM counts as a failed health check of the pair's cutover watch and shift; empty for none
 * @param rollbackOnAlarm whether a guard alarm during the cutover watch starts the rollback itself,
 *     as a change pre-approved by this setting (default false: it posts the Roll back button)
 */
public record SwapPairConfig(
        String name,
        String zoneId,
        String blue,
        String green,
        List<String> channels,
        List<String> requesters,
        List<String> approvers,
        Integer requiredApprovals,
        Duration expiry,
        Boolean breakGlass,
        TrafficConfig traffic,
        List<String> guardAlarms,
        Boolean rollbackOnAlarm) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ZONE = Pattern.compile("Z[A-Z0-9]{1,31}");
    private static final Pattern PRINCIPAL = Pattern.compile("[UWS][A-Z0-9]{2,}");
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern RECORD =
            Pattern.compile("(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)+[A-Za-z]{2,63}\\.?");

    public SwapPairConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ConfigException.invalid(
                    "name",
                    (name == null ? "required: " : "not a pair name: ")
                            + "lower-case letters, digits and dashes, e.g. blue-green");
        }
        zoneId = zoneId == null ? null : zoneId.strip().replaceFirst("^/?hostedzone/", "");
        if (zoneId == null || !ZONE.matcher(zoneId).matches()) {
            throw ConfigException.invalid(
                    "zoneId",
                    (zoneId == null ? "required: " : "not a hosted zone id: expected ")
                            + "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
        }
        blue = recordName("blue", blue);
        green = recordName("green", green);
        if (blue.equals(green)) {
            throw ConfigException.invalid("green", "must differ from blue (" + blue + ")");
        }
        channels = ids("channels", channels, CHANNEL, "a channel ID such as C0123ABCD");
        requesters = ids("requesters", requesters, PRINCIPAL, "a user ID (U...) or user-group ID (S...)");
        approvers = ids("approvers", approvers, PRINCIPAL, "a user ID (U...) or user-group ID (S...)");
        if (approvers.isEmpty()) {
            throw ConfigException.invalid("approvers", "required; at least one user ID (U...) or user-group ID (S...)");
        }
        requiredApprovals = requiredApprovals == null ? 1 : requiredApprovals;
        if (requiredApprovals < 1 || requiredApprovals > 10) {
            throw ConfigException.invalid("requiredApprovals", "must be 1 to 10");
        }
        expiry = expiry == null ? Duration.ofMinutes(15) : expiry;
        if (expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.invalid("expiry", "must be between 1m and 24h");
        }
        breakGlass = breakGlass != null && breakGlass;
        guardAlarms = guardAlarms == null
                ? List.of()
                : guardAlarms.stream()
                        .map(a -> a == null ? "" : a.strip())
                        .distinct()
                        .toList();
        for (int i = 0; i < guardAlarms.size(); i++) {
            if (guardAlarms.get(i).isEmpty() || guardAlarms.get(i).contains("*")) {
                throw ConfigException.invalid("guardAlarms[" + i + "]", "expected an exact CloudWatch alarm name");
            }
        }
        rollbackOnAlarm = rollbackOnAlarm != null && rollbackOnAlarm;
        if (rollbackOnAlarm && guardAlarms.isEmpty()) {
            throw ConfigException.invalid("rollbackOnAlarm", "needs guardAlarms: the alarms that start the rollback");
        }
    }

    /** Lower-cases and adds the trailing dot, the form Route 53 returns names in. */
    private static String recordName(String key, String value) {
        if (value == null || !RECORD.matcher(value.strip()).matches()) {
            throw ConfigException.invalid(
                    key,
                    (value == null ? "required: " : "not a record name: expected ")
                            + "a name such as blue.example.com");
        }
        String n = value.strip().toLowerCase();
        return n.endsWith(".") ? n : n + ".";
    }

    private static List<String> ids(String key, List<String> values, Pattern p, String what) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || !p.matcher(v.strip()).matches()) {
                throw ConfigException.invalid(key + "[" + i + "]", "expected " + what);
            }
        }
        return values.stream().map(String::strip).distinct().toList();
    }
}
