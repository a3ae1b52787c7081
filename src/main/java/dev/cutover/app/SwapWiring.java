package dev.cutover.app;

import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.RollbackCommand;
import dev.cutover.commands.SwapActions;
import dev.cutover.commands.SwapCommand;
import dev.cutover.commands.SwapDryRun;
import dev.cutover.commands.SwapPresenter;
import dev.cutover.commands.SwapReplies;
import dev.cutover.core.approval.ApprovalService;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.dns.DnsRecords;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.Rechecks;
import dev.cutover.core.swap.RequestDisplay;
import dev.cutover.core.swap.SwapListener;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.core.swap.SwapWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The swap feature wired: the approval rules, the swap use case with its chat presenter and
 * listener, and the commands and buttons that drive it.
 *
 * @param approvals the approval rules and requests
 * @param workflow the swap use case
 * @param replies the chat side of the use case
 * @param commands {@code /swap} and {@code /rollback}
 * @param actions the request message's buttons
 */
public record SwapWiring(
        ApprovalService approvals,
        SwapWorkflow workflow,
        SwapReplies replies,
        List<ChatCommand> commands,
        List<ActionHandler> actions) {

    /**
     * Builds the feature.
     *
     * @param ids makes request ids
     * @param insyncTimeout how long an apply waits for INSYNC
     * @param listener hears of each applied change (the cutover watch)
     * @param rechecks runs the later looks for a request message whose post failed
     */
    public static SwapWiring build(
            PairCatalog pairs,
            DnsRecords dns,
            ApprovalStore store,
            AuditLog audit,
            Directory directory,
            Notifier notifier,
            Clock clock,
            Supplier<String> ids,
            Duration insyncTimeout,
            SwapListener listener,
            Rechecks rechecks) {
        RequestDisplay display = new RequestDisplay(store, pairs, new SwapPresenter(notifier, pairs));
        ApprovalService approvals = new ApprovalService(store, audit, directory, clock, ids, display);
        SwapWorkflow workflow =
                new SwapWorkflow(pairs, dns, approvals, store, display, clock, insyncTimeout, listener, rechecks);
        SwapReplies replies = new SwapReplies(workflow);
        SwapDryRun dryRun = new SwapDryRun(pairs, new SwapPlanner(dns), ProductionWiring.CHANGE_BATCH_FORMAT);
        return new SwapWiring(
                approvals,
                workflow,
                replies,
                List.of(new SwapCommand(replies, dryRun, audit, notifier), new RollbackCommand(replies)),
                SwapActions.all(replies));
    }
}
