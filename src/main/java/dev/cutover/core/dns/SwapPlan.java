package dev.cutover.core.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A planned exchange of the two records of a pair: what they are now and what they will be.
 *
 * <p>The change batch deletes both records exactly as read and creates them with their targets
 * exchanged, so Route 53 rejects the whole batch if either changed since the read: a
 * compare-and-swap. A swap is its own inverse: swapping the result restores the records.
 *
 * @param pair the pair
 * @param blueBefore the record sets at the blue name as read (one per type)
 * @param greenBefore the record sets at the green name as read
 * @see <a href="https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html">ChangeResourceRecordSets</a>
 */
public record SwapPlan(SwapPair pair, List<RecordSet> blueBefore, List<RecordSet> greenBefore) {
    private static final Comparator<RecordSet> BY_TYPE = Comparator.comparing(RecordSet::type);
    /** What resolvers cache an ELB alias for: the target's TTL, 60 s. */
    private static final long ALIAS_TTL_SECONDS = 60;

    public SwapPlan {
        blueBefore = sorted(blueBefore);
        greenBefore = sorted(greenBefore);
        requireSwappable(pair.blue(), blueBefore);
        requireSwappable(pair.green(), greenBefore);
    }

    /** The blue name's record sets after the swap: green's targets under the blue name. */
    public List<RecordSet> blueAfter() {
        return greenBefore.stream().map(r -> r.movedTo(pair.blue(), null, null)).toList();
    }

    /** The green name's record sets after the swap: blue's targets under the green name. */
    public List<RecordSet> greenAfter() {
        return blueBefore.stream().map(r -> r.movedTo(pair.green(), null, null)).toList();
    }

    /** The change batch: DELETE of every current record set, then CREATE of every new one. */
    public List<RecordChange> changes() {
        List<RecordChange> changes = new ArrayList<>();
        blueBefore.forEach(r -> changes.add(new RecordChange(RecordChange.Action.DELETE, r)));
        greenBefore.forEach(r -> changes.add(new RecordChange(RecordChange.Action.DELETE, r)));
        blueAfter().forEach(r -> changes.add(new RecordChange(RecordChange.Action.CREATE, r)));
        greenAfter().forEach(r -> changes.add(new RecordChange(RecordChange.Action.CREATE, r)));
        return changes;
    }

    /** The plan that undoes this one once applied: the swap of the records this one produces. */
    public SwapPlan inverse() {
        return new SwapPlan(pair, blueAfter(), greenAfter());
    }

    /**
     * Compares this plan's "before" with records read now.
     *
     * @return a sentence per record that differs, empty when both match exactly
     */
    public Optional<String> differenceFrom(List<RecordSet> blueNow, List<RecordSet> greenNow) {
        List<String> diffs = new ArrayList<>();
        describe(pair.blue(), blueBefore, sorted(blueNow), diffs);
        describe(pair.green(), greenBefore, sorted(greenNow), diffs);
        return diffs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", diffs));
    }

    /** Whether the records read now are exactly what this plan produces once applied. */
    public boolean isResultOf(List<RecordSet> blueNow, List<RecordSet> greenNow) {
        return blueAfter().equals(sorted(blueNow)) && greenAfter().equals(sorted(greenNow));
    }

    private static void describe(String name, List<RecordSet> planned, List<RecordSet> now, List<String> out) {
        out.addAll(RecordDiff.of(name, planned, now));
    }

    /**
     * How long resolvers may keep the targets this plan replaces, in seconds: the highest TTL of
     * the records before, an alias counting as 60 s (resolvers cache ELB aliases for the target's 60 s).
     */
    public long replacedTtlSeconds() {
        return java.util.stream.Stream.concat(blueBefore.stream(), greenBefore.stream())
                .mapToLong(r -> r.isAlias() ? ALIAS_TTL_SECONDS : r.ttl())
                .max()
                .orElse(ALIAS_TTL_SECONDS);
    }

    /** Whether every record this plan replaces is an alias (their TTL is the target's 60 s). */
    public boolean replacesOnlyAliases() {
        return blueBefore.stream().allMatch(RecordSet::isAlias)
                && greenBefore.stream().allMatch(RecordSet::isAlias);
    }

    /** The targets of record sets for people: {@code A alias blue-alb..., AAAA alias ...}. */
    public static String targets(List<RecordSet> sets) {
        if (sets.isEmpty()) {
            return "(no record)";
        }
        List<String> parts = new ArrayList<>();
        for (RecordSet r : sets) {
            parts.add(r.type()
                    + (r.isAlias() ? " alias " : " ")
                    + r.target()
                    + (r.isAlias() ? "" : " (TTL " + r.ttl() + " s)"));
        }
        return String.join(", ", parts);
    }

    private static List<RecordSet> sorted(List<RecordSet> sets) {
        return sets == null ? List.of() : sets.stream().sorted(BY_TYPE).toList();
    }

    private static void requireSwappable(String name, List<RecordSet> sets) {
        if (sets.isEmpty()) {
            throw new SwapException(SwapException.Kind.NOT_FOUND, "no A, AAAA or CNAME record named " + name);
        }
        for (RecordSet r : sets) {
            if (r.setIdentifier() != null || r.weight() != null || r.routing() != null) {
                throw new SwapException(
                        SwapException.Kind.NOT_FOUND,
                        name + " uses "
                                + (r.routing() != null ? r.routing() : "a routing policy")
                                + " (set identifier " + r.setIdentifier()
                                + "); only simple routing records can be swapped");
            }
        }
        if (sets.stream().anyMatch(r -> r.type().equals("CNAME")) && sets.size() > 1) {
            throw new SwapException(SwapException.Kind.NOT_FOUND, name + " has a CNAME beside other records");
        }
    }
}
