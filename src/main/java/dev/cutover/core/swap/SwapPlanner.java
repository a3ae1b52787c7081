package dev.cutover.core.swap;

import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.dns.SwapPlan;
import java.util.Optional;

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
        return new SwapPlan(pair, dns.read(pair.zoneId(), pair.blue()), dns.read(pair.zoneId(), pair.green()));
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
