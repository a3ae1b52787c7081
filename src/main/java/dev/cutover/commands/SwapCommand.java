package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalPolicy;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLog;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.Mrkdwn;
import dev.cutover.core.chat.Notifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /swap}: request a blue/green swap of a pair, show its dry run, freeze or unfreeze a pair,
 * or show its audit history.
 */
public final class SwapCommand implements ChatCommand {
    private static final String USAGE = "`/swap <pair>` · `/swap <pair> dry-run` · `/swap freeze <pair> <reason>` · "
            + "`/swap unfreeze <pair>` · `/swap history <pair>`";
    private static final int HISTORY = 15;

    private final SwapWorkflow flow;
    private final SwapDryRun dryRun;
    private final AuditLog audit;
    private final Notifier notifier;

    public SwapCommand(SwapWorkflow flow, SwapDryRun dryRun, AuditLog audit, Notifier notifier) {
        this.flow = flow;
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
        return USAGE;
    }

    @Override
    public CommandResult handle(Invocation inv) {
        String[] w = inv.words();
        if (w.length == 0) {
            return flow.requestDefault(ChangeKind.SWAP, inv, USAGE);
        }
        return switch (w[0].toLowerCase()) {
            case "help" -> CommandResult.reply(
                    "Usage: " + USAGE + "\nKnown pairs: " + flow.pairs().known() + ".");
            case "freeze" -> freeze(inv, w);
            case "unfreeze" -> unfreeze(inv, w);
            case "history" -> history(w);
            default -> swap(inv, w);
        };
    }

    private CommandResult swap(Invocation inv, String[] w) {
        Optional<String> bad = unknownPair(w[0]);
        if (bad.isPresent()) {
            return CommandResult.reply(bad.get());
        }
        if (w.length == 1) {
            return flow.request(ChangeKind.SWAP, w[0], inv.userId(), inv.channelId(), inv.responder());
        }
        if (w.length == 2 && (w[1].equalsIgnoreCase("dry-run") || w[1].equalsIgnoreCase("--dry-run"))) {
            return dryRun.show(w[0], inv.responder());
        }
        return CommandResult.reply(":no_entry: Unexpected `" + String.join(" ", Arrays.copyOfRange(w, 1, w.length))
                + "`. Usage: " + USAGE);
    }

    private CommandResult freeze(Invocation inv, String[] w) {
        if (w.length < 3) {
            return CommandResult.reply(
                    ":no_entry: Usage: `/swap freeze <pair> <reason>` (the reason is required). Known pairs: "
                            + flow.pairs().known() + ".");
        }
        Optional<String> bad = unknownPair(w[1]);
        if (bad.isPresent()) {
            return CommandResult.reply(bad.get());
        }
        String reason = String.join(" ", Arrays.copyOfRange(w, 2, w.length));
        Optional<String> refused = flow.approvals().freeze(w[1], inv.userId(), reason, policy(w[1]));
        if (refused.isPresent()) {
            return CommandResult.reply(":no_entry: " + SwapWorkflow.capitalize(refused.get()));
        }
        return CommandResult.later(() -> announce(
                inv,
                ":snowflake: *" + w[1] + "* is frozen by " + Mrkdwn.user(inv.userId()) + ": " + Mrkdwn.escape(reason)
                        + ". New requests, and approvals of pending ones, are refused until `/swap unfreeze " + w[1]
                        + "`."));
    }

    private CommandResult unfreeze(Invocation inv, String[] w) {
        if (w.length != 2) {
            return CommandResult.reply(":no_entry: Usage: `/swap unfreeze <pair>`. Known pairs: "
                    + flow.pairs().known() + ".");
        }
        Optional<String> bad = unknownPair(w[1]);
        if (bad.isPresent()) {
            return CommandResult.reply(bad.get());
        }
        Optional<String> refused = flow.approvals().unfreeze(w[1], inv.userId(), policy(w[1]));
        if (refused.isPresent()) {
            return CommandResult.reply(":no_entry: " + SwapWorkflow.capitalize(refused.get()));
        }
        return CommandResult.later(
                () -> announce(inv, ":sunny: *" + w[1] + "* is unfrozen by " + Mrkdwn.user(inv.userId()) + "."));
    }

    private void announce(Invocation inv, String markdown) {
        try {
            notifier.post(inv.channelId(), Message.text(markdown));
        } catch (RuntimeException e) {
            inv.responder()
                    .ephemeral(Message.text(markdown + "\n(Could not post in the channel: " + e.getMessage() + ")"));
        }
    }

    private CommandResult history(String[] w) {
        if (w.length != 2) {
            return CommandResult.reply(":no_entry: Usage: `/swap history <pair>`. Known pairs: "
                    + flow.pairs().known() + ".");
        }
        Optional<String> bad = unknownPair(w[1]);
        if (bad.isPresent()) {
            return CommandResult.reply(bad.get());
        }
        List<AuditEvent> events = audit.recent(w[1], HISTORY);
        if (events.isEmpty()) {
            return CommandResult.reply("No history for *" + w[1] + "* yet.");
        }
        String lines = events.stream().map(SwapCommand::line).collect(Collectors.joining("\n"));
        return CommandResult.reply("*History of " + w[1] + "* (newest first)\n" + lines);
    }

    private static String line(AuditEvent e) {
        Map<String, String> d = e.detail();
        String extra = d.containsKey("reason")
                ? ": " + Mrkdwn.escape(d.get("reason"))
                : d.containsKey("breakGlassReason")
                        ? ": " + Mrkdwn.escape(d.get("breakGlassReason"))
                        : d.containsKey("result") ? ": " + d.get("result") : "";
        String action = e.action() + (d.containsKey("kind") ? " (" + d.get("kind") + ")" : "");
        return "• " + Mrkdwn.time(e.at()) + " *" + action + "* by " + Mrkdwn.user(e.userId())
                + (e.requestId() != null ? " (request `" + e.requestId() + "`)" : "") + extra;
    }

    private ApprovalPolicy policy(String pair) {
        return flow.pairs().find(pair).orElseThrow().policy();
    }

    private Optional<String> unknownPair(String name) {
        return flow.pairs().find(name).isPresent()
                ? Optional.empty()
                : Optional.of(":no_entry: Unknown pair `" + Mrkdwn.escape(name) + "`. Known pairs: "
                        + flow.pairs().known() + ".\nUsage: " + USAGE);
    }
}
