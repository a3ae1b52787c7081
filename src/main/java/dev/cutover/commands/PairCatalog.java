package dev.cutover.commands;

import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.swap.SwapPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured swap pairs by name, each with its records and its approval policy. */
public final class PairCatalog {
    /**
     * One configured pair.
     *
     * @param pair the records
     * @param policy who may request and approve
     */
    public record Entry(SwapPair pair, ApprovalPolicy policy) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Builds the catalog from the {@code pairs:} section, keeping its order. */
    public PairCatalog(List<SwapPairConfig> pairs) {
        for (SwapPairConfig c : pairs) {
            ApprovalPolicy policy = new ApprovalPolicy(
                    Set.copyOf(c.channels()),
                    Set.copyOf(c.requesters()),
                    Set.copyOf(c.approvers()),
                    c.requiredApprovals(),
                    c.expiry(),
                    c.breakGlass());
            entries.put(c.name(), new Entry(new SwapPair(c.name(), c.zoneId(), c.blue(), c.green()), policy));
        }
    }

    /** The pair called {@code name}. */
    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The names, in config order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The only pair, when exactly one is configured (then {@code /swap} alone means it). */
    public Optional<String> only() {
        return entries.size() == 1 ? Optional.of(entries.keySet().iterator().next()) : Optional.empty();
    }

    /** The names as {@code `a`, `b`} for messages, or a hint when none are configured. */
    public String known() {
        return entries.isEmpty()
                ? "none are configured (add one under `pairs:` in the config)"
                : String.join(
                        ", ", entries.keySet().stream().map(n -> "`" + n + "`").toList());
    }
}
