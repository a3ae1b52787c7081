package dev.cutover.core.swap;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.RecordSet;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans swaps and rollbacks of a pair's records from what {@link DnsRecords} reads now, and checks a
 * plan against the records before it is applied.
 */
public final class SwapPlanner {
    private final DnsRecords dns;

    public SwapPlanner(DnsRecords dns) {
        this.dns = dns;
    }

    /**
     * Reads both records and plans their exchange.
     *
     * @throws SwapException {@code NOT_FOUND} when a record is missing or not swappable; a read error
     */
    public SwapPlan plan(SwapPair pair) {
        SwapPlan plan = new SwapPlan(pair, dns.read(pair.zoneId(), pair.blue()), dns.read(pair.zoneId(), pair.green()));
        requireNoCnameConflict(pair, pair.blue(), plan.blueAfter());
        requireNoCnameConflict(pair, pair.green(), plan.greenAfter());
        return plan;
    }

    /**
     * Route 53 refuses a CNAME beside any other type at the same name (RFC 1034 §3.6.2): when the
     * swap would put a CNAME at {@code name}, that name must hold no type the swap does not replace.
     */
    private void requireNoCnameConflict(SwapPair pair, String name, List<RecordSet> after) {
        if (after.stream().noneMatch(r -> r.type().equals("CNAME"))) {
            return;
        }
        Set<String> others = new TreeSet<>(dns.typesAt(pair.zoneId(), name));
        others.removeAll(Set.of("A", "AAAA", "CNAME"));
        if (!others.isEmpty()) {
            throw new SwapException(
                    SwapException.Kind.NOT_FOUND,
                    "the swap would put a CNAME at " + name + ", which also holds " + String.join(", ", others)
                            + " records; a CNAME cannot share its name with other types");
        }
    }

    /**
     * Re-reads both records and compares them with the plan.
     *
     * @return what changed since the plan was made, empty when nothing did
     */
    public Optional<String> drift(SwapPlan plan) {
        SwapPair p = plan.pair();
        return plan.differenceFrom(dns.read(p.zoneId(), p.blue()), dns.read(p.zoneId(), p.green()));
    }

    /**
     * Plans the undoing of the last swap cutover applied to a pair.
     *
     * @param last the last applied swap, as the store has it; empty when cutover applied none
     * @throws SwapException {@code NOT_FOUND} when there is none; {@code DRIFTED} as {@link
     *     #planRollback(SwapPlan)}
     */
    public SwapPlan planRollback(Optional<AppliedSwap> last) {
        return planRollback(last.orElseThrow(() -> new SwapException(
                        SwapException.Kind.NOT_FOUND,
                        "nothing to roll back: no swap of this pair has been applied by cutover."))
                .plan());
    }

    /**
     * Plans the undoing of {@code applied}, refusing when the records are no longer what it produced.
     *
     * @throws SwapException {@code DRIFTED} when the records changed after {@code applied}
     */
    public SwapPlan planRollback(SwapPlan applied) {
        SwapPlan current = plan(applied.pair());
        if (!applied.isResultOf(current.blueBefore(), current.greenBefore())) {
            throw new SwapException(
                    SwapException.Kind.DRIFTED,
                    "the records are no longer what the last swap produced: "
                            + applied.pair().blue() + " is "
                            + SwapPlan.targets(current.blueBefore()) + ", "
                            + applied.pair().green() + " is "
                            + SwapPlan.targets(current.greenBefore())
                            + ". `/swap " + applied.pair().name() + "` plans a swap from the records as they are now");
        }
        return current;
    }
}
