package dev.cutover.core.approval;

import dev.cutover.core.dns.SwapPlan;
import java.time.Instant;

/**
 * The last change applied to a pair, kept so that {@code /rollback} can undo it.
 *
 * @param requestId the request that applied it
 * @param plan the plan applied; its {@code before} is what a rollback restores
 * @param changeId Route 53's change id
 * @param at when it was applied
 */
public record AppliedSwap(String requestId, SwapPlan plan, String changeId, Instant at) {}
