package dev.cutover.core.swap;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.dns.SwapPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Builds the catalog from its entries, keeping their order (the config's).
     *
     * @throws IllegalArgumentException when two entries share a name
     */
    public PairCatalog(List<Entry> pairs) {
        for (Entry e : pairs) {
            if (entries.putIfAbsent(e.pair().name(), e) != null) {
                throw new IllegalArgumentException(
                        "two pairs are called " + e.pair().name());
            }
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
}
