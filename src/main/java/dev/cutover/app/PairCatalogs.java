package dev.cutover.app;

import dev.cutover.config.SwapPairConfig;
import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.dns.SwapPair;
import dev.cutover.core.swap.PairCatalog;
import java.util.List;
import java.util.Set;

/** Builds the core's {@link PairCatalog} from the {@code pairs:} section of the config. */
public final class PairCatalogs {
    private PairCatalogs() {}

    /** The catalog of {@code pairs}, in config order, each with its approval policy. */
    public static PairCatalog of(List<SwapPairConfig> pairs) {
        return new PairCatalog(pairs.stream().map(PairCatalogs::entry).toList());
    }

    private static PairCatalog.Entry entry(SwapPairConfig c) {
        ApprovalPolicy policy = new ApprovalPolicy(
                Set.copyOf(c.channels()),
                Set.copyOf(c.requesters()),
                Set.copyOf(c.approvers()),
                c.requiredApprovals(),
                c.expiry(),
                c.breakGlass(),
                c.rollbackOnAlarm() ? c.guardAlarms() : List.of());
        return new PairCatalog.Entry(new SwapPair(c.name(), c.zoneId(), c.blue(), c.green()), policy);
    }
}
