package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Every Web API call the bot made to the sandbox's Slack, with its time, and the busiest minute of
 * each method set against Slack's published rate limit for it: a busy cutover can be checked to
 * stay within what a real workspace allows.
 *
 * <p>Slack's limits are per method, per workspace, per app, in calls per minute by tier (Tier 2: 20+,
 * Tier 3: 50+, Tier 4: 100+), except {@code chat.postMessage}, which allows about one message per
 * second per channel (short bursts above it); that one is counted per channel.
 *
 * @see <a href="https://api.slack.com/apis/rate-limits">Slack: rate limits</a>
 */
public final class SlackCallLog {
    /** A method's published limit: its tier's name and its calls per minute. */
    public record Limit(String tier, int perMinute) {}

    static final Map<String, Limit> LIMITS = Map.of(
            "chat.postMessage", new Limit("1/s per channel", 60),
            "chat.update", new Limit("Tier 3", 50),
            "chat.postEphemeral", new Limit("Tier 4", 100),
            "views.open", new Limit("Tier 4", 100),
            "views.publish", new Limit("Tier 4", 100),
            "usergroups.users.list", new Limit("Tier 2", 20),
            "auth.test", new Limit("Tier 4", 100));

    private static final long MINUTE_MS = 60_000;

    private final Map<String, ConcurrentLinkedQueue<Long>> calls = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    /** A log dated by the system clock. */
    public SlackCallLog() {
        this(System::currentTimeMillis);
    }

    /** A log dated by {@code millis} (epoch ms; tests pass a controllable one). */
    public SlackCallLog(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * Records one call now.
     *
     * @param method the Web API method, or {@code response_url}
     * @param channel the channel a {@code chat.postMessage} posts to (its limit is per channel);
     *     ignored for other methods, may be null
     */
    public void record(String method, @Nullable String channel) {
        String key = method.equals("chat.postMessage") && channel != null ? method + " " + channel : method;
        calls.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(millis.getAsLong());
    }

    /**
     * One row per method: calls in all, the most made in any 60 s window (for {@code
     * chat.postMessage}, in its busiest channel), Slack's limit and whether the busiest minute kept
     * within it.
     */
    public List<String> table() {
        Map<String, List<List<Long>>> byMethod = new TreeMap<>();
        calls.forEach((key, times) -> byMethod.computeIfAbsent(key.split(" ", 2)[0], m -> new ArrayList<>())
                .add(new ArrayList<>(times)));
        List<String> rows = new ArrayList<>();
        rows.add(String.format(
                Locale.ROOT, "%-24s %6s %15s  %s", "method", "calls", "busiest minute", "Slack's limit per minute"));
        byMethod.forEach((method, lists) -> {
            int total = lists.stream().mapToInt(List::size).sum();
            int busiest =
                    lists.stream().mapToInt(SlackCallLog::busiestMinute).max().orElse(0);
            Limit limit = LIMITS.get(method);
            String verdict = limit == null
                    ? "no published limit"
                    : limit.perMinute() + " (" + limit.tier() + "): "
                            + (busiest <= limit.perMinute() ? "within" : "OVER");
            rows.add(String.format(Locale.ROOT, "%-24s %6d %15d  %s", method, total, busiest, verdict));
        });
        return rows;
    }

    /** The most calls in any window of 60 s that starts at a call. */
    static int busiestMinute(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        int best = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= MINUTE_MS) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
