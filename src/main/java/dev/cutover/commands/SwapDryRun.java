package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.ChangeBatchFormat;
import dev.cutover.core.dns.SwapException;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.core.swap.PairCatalog;
import dev.cutover.core.swap.SwapPlanner;
import dev.cutover.reply.Mrkdwn;

/**
 * {@code /swap <pair> dry-run}: shows the plan and the exact change batch a swap would submit, to
 * the requesting user only, asking nobody and applying nothing (the old script's DRYRUN=1).
 */
public final class SwapDryRun {
    private final PairCatalog pairs;
    private final SwapPlanner planner;
    private final ChangeBatchFormat format;

    /** @param format writes the batch as the DNS service's CLI takes it (Route 53: JSON) */
    public SwapDryRun(PairCatalog pairs, SwapPlanner planner, ChangeBatchFormat format) {
        this.pairs = pairs;
        this.planner = planner;
        this.format = format;
    }

    /**
     * Acks at once ("Planning a dry run of *pair*…", from memory), then reads the records and
     * answers the user with the plan and the batch.
     */
    public CommandResult show(String pair, Responder responder) {
        PairCatalog.Entry e = pairs.find(pair).orElseThrow();
        String ack = ":mag: Planning a dry run of *" + Mrkdwn.escape(Mrkdwn.cut(pair, SwapReplies.PAIR_IN_ACK)) + "*…";
        return CommandResult.replyThen(ack, () -> {
            try {
                responder.ephemeral(message(planner.plan(e.pair()), format));
            } catch (SwapException ex) {
                responder.ephemeral(
                        Message.text(":no_entry: Cannot plan a swap of *" + pair + "*: " + ex.getMessage()));
            }
        });
    }

    /** The dry-run message: the plan line per record and the change batch in {@code format}. */
    public static Message message(SwapPlan plan, ChangeBatchFormat format) {
        String json = format.render("swap " + plan.pair().name() + " (dry run)", plan.changes());
        return Message.builder("Dry run of swap " + plan.pair().name() + ": nothing applied")
                .header("Dry run: swap " + plan.pair().name())
                .section(SwapMessages.planLines(plan))
                .section("The change batch a swap would submit, as one atomic ChangeResourceRecordSets call "
                        + "(DELETE exactly what is there, CREATE the exchanged targets):")
                .code(json)
                .context("Nothing was applied and no approval was asked. `/swap "
                        + plan.pair().name() + "` requests it.")
                .build();
    }
}
