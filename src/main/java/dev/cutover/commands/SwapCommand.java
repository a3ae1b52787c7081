package dev.cutover.commands;

import dev.cutover.commands.SwapParser.Intent;
import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.Refusal;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.chat.Notifier;
import dev.cutover.reply.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /swap}: request a blue/green swap of a pair, show its dry run, freeze or unfreeze a pair,
 * or show its audit history. Before the ack only the {@link SwapParser} runs (in-memory); the
 * rules, the store, the directory and Route 53 are asked in the follow-up, which answers through
 * the responder.
 */
public final class SwapCommand implements ChatCommand {
    private static final int HISTORY = 15;

    private final SwapParser parser;
    private final SwapReplies swaps;
    private final SwapDryRun dryRun;
    private final AuditLog audit;
    private final Notifier notifier;

    public SwapCommand(SwapReplies swaps, SwapDryRun dryRun, AuditLog audit, Notifier notifier) {
        this.parser = new SwapParser(swaps.pairs());
        this.swaps = swaps;
        this.dryRun = dryRun;
        this.audit = audit;
        this.notifier = notifier;
    }

    @Override
    public String name() {
        return "swap";
    }

    @Override
    public String usage() {
        return SwapParser.SWAP_USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        Intent intent = parser.swap(inv.words(), inv.channelId());
        if (intent instanceof Intent.Reply r) {
            return CommandResult.reply(r.markdown());
        }
        if (intent instanceof Intent.Request r) {
            return swaps.command(r.kind(), r.pair(), inv.userId(), inv.channelId(), inv.responder());
        }
        if (intent instanceof Intent.DryRun d) {
            return dryRun.show(d.pair(), inv.responder());
        }
        if (intent instanceof Intent.History h) {
            return CommandResult.later(() -> inv.responder().ephemeral(history(h.pair())));
        }
        return CommandResult.later(() -> {
            Optional<String> answer = afterAck(intent, inv);
            answer.ifPresent(text -> inv.responder().ephemeral(Message.text(text)));
        });
    }

    /** Freeze and unfreeze, after the ack: what to tell the user, if anything. */
    private Optional<String> afterAck(Intent intent, Invocation inv) {
        if (intent instanceof Intent.Freeze f) {
            Optional<Refusal> refused =
                    swaps.flow().approvals().freezes().freeze(f.pair(), inv.userId(), f.reason(), policy(f.pair()));
            return refused.map(RefusalText::reply)
                    .or(() -> announce(
                            inv,
                            ":snowflake: *" + f.pair() + "* is frozen by " + Mrkdwn.user(inv.userId()) + ": "
                                    + Mrkdwn.userText(f.reason())
                                    + ". New requests, and approvals of pending ones, are refused until `/swap unfreeze "
                                    + f.pair() + "`."));
        }
        if (intent instanceof Intent.Unfreeze u) {
            Optional<Refusal> refused =
                    swaps.flow().approvals().freezes().unfreeze(u.pair(), inv.userId(), policy(u.pair()));
            return refused.map(RefusalText::reply)
                    .or(() -> announce(
                            inv, ":sunny: *" + u.pair() + "* is unfrozen by " + Mrkdwn.user(inv.userId()) + "."));
        }
        throw new IllegalArgumentException("not a freeze or unfreeze: " + intent);
    }

    /** Posts {@code markdown} in the channel; when that fails, the user is told instead. */
    private Optional<String> announce(Invocation inv, String markdown) {
        try {
            notifier.post(inv.channelId(), Message.text(markdown));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(markdown + "\n(Could not post in the channel: " + e.getMessage() + ")");
        }
    }

    /** The newest entries, split over as many sections as Slack's 3,000 characters need. */
    private Message history(String pair) {
        List<AuditEvent> events = audit.recent(pair, HISTORY);
        if (events.isEmpty()) {
            return Message.text("No history for *" + pair + "* yet.");
        }
        List<String> lines = new ArrayList<>();
        lines.add("*History of " + pair + "* (newest first)");
        events.stream().map(SwapCommand::line).forEach(lines::add);
        return Message.builder(lines.get(0) + "\n" + String.join("\n", lines.subList(1, lines.size())))
                .lines(lines, MessageLimits.BLOCKS, "the audit stream of " + pair + " has them all")
                .build();
    }

    /** The longest reason or result shown per history entry, in characters: the whole entry is in the audit trail. */
    private static final int HISTORY_TEXT = 200;

    private static String line(AuditEvent e) {
        Map<String, String> d = e.detail();
        String extra = d.containsKey("reason")
                ? ": " + Mrkdwn.userText(Mrkdwn.cut(d.get("reason"), HISTORY_TEXT))
                : d.containsKey("breakGlassReason")
                        ? ": " + Mrkdwn.userText(Mrkdwn.cut(d.get("breakGlassReason"), HISTORY_TEXT))
                        : d.containsKey("result") ? ": " + Mrkdwn.cut(d.get("result"), HISTORY_TEXT) : "";
        String action = e.action() + (d.containsKey("kind") ? " (" + d.get("kind") + ")" : "");
        return "• " + Mrkdwn.time(e.at()) + " *" + action + "* by " + Mrkdwn.user(e.userId())
                + (e.requestId() != null ? " (request `" + e.requestId() + "`)" : "") + extra;
    }

    private ApprovalPolicy policy(String pair) {
        return swaps.pairs().find(pair).orElseThrow().policy();
    }
}
