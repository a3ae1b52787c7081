package dev.cutover.commands;

import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ChangeKind;
import dev.cutover.core.approval.Decision;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.reply.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders swap and rollback requests as chat messages: the plan, who decided what, the outcome. */
public final class SwapMessages {
    /** Action ids of the request message's buttons. */
    public static final String APPROVE = "swap.approve";

    public static final String REJECT = "swap.reject";
    public static final String CANCEL = "swap.cancel";
    public static final String BREAK_GLASS = "swap.break-glass";

    private SwapMessages() {}

    /**
     * The channel message for {@code r}, with Approve/Reject/Cancel buttons while it is pending.
     *
     * @param breakGlass whether to offer the break-glass button to the requester
     */
    public static Message request(ApprovalRequest r, boolean breakGlass) {
        return request(r, breakGlass, List.of());
    }

    /**
     * As {@link #request(ApprovalRequest, boolean)}, saying on a swap that the guard alarms {@code
     * autoRollback} roll it back without approvals ({@code rollbackOnAlarm}), so approvers know.
     */
    public static Message request(ApprovalRequest r, boolean breakGlass, List<String> autoRollback) {
        String title = (r.kind().word().equals("swap") ? "Swap " : "Rollback ") + r.pair();
        Message.Builder b = Message.builder(title + ": " + r.state().word())
                .header(icon(r.state()) + " " + title + (r.state() == ApprovalState.SUBMITTED ? ": propagating" : ""))
                .section(planLines(r.plan()))
                .fields(List.of(
                        "*Requested by*\n" + Mrkdwn.user(r.requester()),
                        "*State*\n" + stateLine(r),
                        "*Approvals*\n" + r.approvals().size() + " of " + r.requiredApprovals(),
                        r.state() == ApprovalState.PENDING
                                ? "*Expires*\n" + Mrkdwn.time(r.expiresAt())
                                : "*Requested*\n" + Mrkdwn.time(r.createdAt())));
        decisions(r).forEach(b::context);
        if (r.kind() == ChangeKind.SWAP && !autoRollback.isEmpty()) {
            b.section(":leftwards_arrow_with_hook: *Rollback on alarm:* if "
                    + autoRollback.stream()
                            .map(a -> "`" + Mrkdwn.escape(Mrkdwn.cut(a, 80)) + "`")
                            .collect(Collectors.joining(", "))
                    + " goes into ALARM during the cutover watch, the bot rolls this swap back without"
                    + " asking (pre-approved by the pair's `rollbackOnAlarm`).");
        }
        if (r.breakGlassUsed()) {
            b.section(":rotating_light: *Break-glass:* the requester approved their own request; flagged for review.");
        }
        if (r.outcome() != null) {
            b.section(r.outcome());
        }
        if (r.state() == ApprovalState.PENDING) {
            b.actions(buttons(r, breakGlass));
        }
        return b.context("request `" + r.id() + "` · zone `" + r.plan().pair().zoneId() + "`")
                .build();
    }

    /** One line per record: {@code name: current target → new target}. */
    public static String planLines(SwapPlan plan) {
        return "*" + plan.pair().blue() + "*: " + SwapPlan.targets(plan.blueBefore()) + " → "
                + SwapPlan.targets(plan.blueAfter()) + "\n*" + plan.pair().green() + "*: "
                + SwapPlan.targets(plan.greenBefore()) + " → " + SwapPlan.targets(plan.greenAfter());
    }

    /**
     * The Approve and Reject buttons of request {@code r}, with their confirm dialogs: the same the
     * channel message shows, so a click anywhere goes through the same handlers and checks.
     */
    public static List<Button> decisionButtons(ApprovalRequest r) {
        return List.of(
                new Button(
                        "Approve",
                        APPROVE,
                        r.id(),
                        Button.Style.PRIMARY,
                        new Button.Confirm(
                                "Approve the " + r.kind().word() + "?",
                                "This approves the " + r.kind().word() + " of " + r.pair()
                                        + ". Once enough approvers agree it is applied to Route 53 at once.",
                                "Approve",
                                "Back")),
                new Button(
                        "Reject",
                        REJECT,
                        r.id(),
                        Button.Style.DANGER,
                        new Button.Confirm(
                                "Reject the " + r.kind().word() + "?",
                                "You will be asked for a reason.",
                                "Reject",
                                "Back")));
    }

    /** The requester's Cancel button of request {@code r}. */
    public static Button cancelButton(ApprovalRequest r) {
        return new Button("Cancel", CANCEL, r.id(), Button.Style.DEFAULT, null);
    }

    private static List<Button> buttons(ApprovalRequest r, boolean breakGlass) {
        List<Button> buttons = new ArrayList<>(decisionButtons(r));
        buttons.add(cancelButton(r));
        if (breakGlass) {
            buttons.add(new Button(
                    "Break glass",
                    BREAK_GLASS,
                    r.id(),
                    Button.Style.DANGER,
                    new Button.Confirm(
                            "Approve your own request?",
                            "Break-glass skips four-eyes. You will be asked for a reason, and the approval is flagged for review.",
                            "Continue",
                            "Back")));
        }
        return buttons;
    }

    private static List<String> decisions(ApprovalRequest r) {
        List<String> lines = new ArrayList<>();
        for (Decision d : r.approvals()) {
            lines.add((d.breakGlass() ? ":rotating_light: Break-glass approved by " : ":white_check_mark: Approved by ")
                    + Mrkdwn.user(d.userId()) + " at " + Mrkdwn.time(d.at())
                    + (d.reason() != null ? ": " + Mrkdwn.userText(d.reason()) : ""));
        }
        Decision c = r.closedBy();
        if (c != null) {
            String verb =
                    switch (r.state()) {
                        case REJECTED -> ":x: Rejected by ";
                        case CANCELLED -> ":heavy_multiplication_x: Cancelled by ";
                        default -> ":hourglass: Expired";
                    };
            lines.add(
                    r.state() == ApprovalState.EXPIRED
                            ? verb + " at " + Mrkdwn.time(c.at())
                            : verb + Mrkdwn.user(c.userId()) + " at " + Mrkdwn.time(c.at())
                                    + (c.reason() != null ? ": " + Mrkdwn.userText(c.reason()) : ""));
        }
        return lines;
    }

    private static String stateLine(ApprovalRequest r) {
        return switch (r.state()) {
            case PENDING -> "waiting for approval";
            case APPROVED -> "approved, applying";
            case APPLYING -> "applying";
            case SUBMITTED -> "propagating: accepted by Route 53, not yet INSYNC";
            case DONE -> "applied";
            case UNCONFIRMED -> "accepted, not confirmed INSYNC";
            case FAILED -> "failed";
            case DRIFTED -> "refused: records changed";
            default -> r.state().word();
        };
    }

    private static String icon(ApprovalState s) {
        return switch (s) {
            case PENDING -> "🔁";
            case APPROVED, APPLYING -> "⏳";
            case SUBMITTED -> "📡";
            case UNCONFIRMED -> "❔";
            case DONE -> "✅";
            case FAILED, DRIFTED -> "⚠️";
            default -> "⏹️";
        };
    }
}
