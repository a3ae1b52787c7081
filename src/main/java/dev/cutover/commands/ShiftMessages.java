package dev.cutover.commands;

import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.Weights;
import dev.cutover.reply.Mrkdwn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one message that shows a shift, rendered from its stored state: a weight bar per side, the
 * current step, the bake remaining, the watched health, and the buttons its state allows.
 */
public final class ShiftMessages {
    public static final String APPROVE = "shift.approve";
    public static final String PAUSE = "shift.pause";
    public static final String RESUME = "shift.resume";
    public static final String PROMOTE = "shift.promote";
    public static final String ABORT = "shift.abort";

    /** Characters of a full weight bar. */
    private static final int BAR = 20;

    /** The longest reason shown, in characters; the audit trail has it whole. */
    private static final int REASON = 500;

    private ShiftMessages() {}

    /** The message of {@code s} as stored, at {@code now} (for the bake remaining). */
    public static Message render(Shift s, Instant now) {
        Weights w = s.shown();
        String title = "Traffic shift of " + s.pair() + " · " + s.stateWord();
        Message.Builder b = Message.builder(title + ": " + w)
                .header(title)
                .code(bar("blue ", w.blue(), w) + "\n" + bar("green", w.green(), w))
                .fields(List.of(
                        "*Step*\n" + step(s),
                        "*Bake left*\n" + bakeLeft(s, now),
                        "*Green health*\n" + Mrkdwn.escapeWithTimes(s.health() == null ? "not read yet" : s.health()),
                        "*On alarm*\n"
                                + (s.plan().onAlarm() == ShiftPlan.OnAlarm.HALT
                                        ? "halt at the current weights"
                                        : "revert to the last healthy weights")));
        if (s.reason() != null) {
            b.section("*Why:* " + Mrkdwn.escapeWithTimes(Mrkdwn.cut(s.reason(), REASON)));
        }
        b.context("Requested by " + Mrkdwn.user(s.requester()) + " · approvals "
                + s.approvals().size() + "/" + s.requiredApprovals()
                + (s.approvals().isEmpty() ? "" : " (" + Mrkdwn.principals(s.approvals()) + ")")
                + " · steps " + plan(s.plan()) + " · shift `" + s.id() + "`");
        List<Button> buttons = buttons(s);
        if (!buttons.isEmpty()) {
            b.actions(buttons);
        }
        return b.build();
    }

    /** The plan in one line: {@code 10% → 50% → 100%, 5m bake each}. */
    public static String plan(ShiftPlan p) {
        List<String> steps = new ArrayList<>();
        p.percents().forEach(pc -> steps.add(pc + "%"));
        return String.join(" → ", steps) + ", " + Mrkdwn.duration(p.bake()) + " bake each";
    }

    /** A line for the thread when {@code before} became {@code after}; empty when nothing worth a line happened. */
    public static String progress(Shift before, Shift after) {
        if (before.state() == after.state() && before.step() == after.step()) {
            if (after.state() == ShiftState.BAKING && before.isPropagating() && !after.isPropagating()) {
                return "Step " + (after.step() + 1) + " of "
                        + after.plan().steps().size() + " is live everywhere (Route 53 INSYNC); baking "
                        + Mrkdwn.duration(after.plan().bake()) + ".";
            }
            boolean held = after.state() == ShiftState.BAKING
                    && after.reason() != null
                    && !after.reason().equals(before.reason());
            return held
                    ? ":grey_question: Step " + (after.step() + 1) + " of "
                            + after.plan().steps().size() + " held at " + after.live() + ": " + reason(after)
                    : "";
        }
        return switch (after.state()) {
            case BAKING -> before.step() != after.step()
                    ? "Step " + (after.step() + 1) + " of "
                            + after.plan().steps().size() + " applied: "
                            + after.live() + " (" + after.plan().percents().get(after.step())
                            + "% to green); "
                            + (after.isPropagating()
                                    ? "propagating: the "
                                            + Mrkdwn.duration(after.plan().bake())
                                            + " bake starts when Route 53 reports change `"
                                            + Mrkdwn.escape(after.change()) + "` INSYNC."
                                    : "baking " + Mrkdwn.duration(after.plan().bake()) + ".")
                    : "Bake resumed.";
            case PAUSED -> "Bake paused.";
            case DONE -> ":white_check_mark: Shift done: " + after.live() + ".";
            case HALTED -> ":octagonal_sign: Halted at " + after.live() + ": " + reason(after);
            case REVERTING -> ":rewind: Reverting to " + after.target() + ": " + reason(after);
            case REVERTED -> ":rewind: Reverted to " + after.live() + ".";
            case ABORTING -> "Aborting: back to " + after.target() + ".";
            case ABORTED -> ":x: Aborted; traffic is back at " + after.live() + ".";
            case STOPPED -> ":warning: Stopped: " + reason(after);
            case EXPIRED -> "Expired without approval.";
            case CANCELLED -> "Cancelled before it started.";
            default -> "";
        };
    }

    private static String reason(Shift s) {
        return Mrkdwn.escapeWithTimes(Mrkdwn.cut(s.reason() == null ? "(no reason given)" : s.reason(), REASON));
    }

    /** The shift message's buttons for {@code s}'s state (the Home reuses those of a pending plan). */
    static List<Button> buttons(Shift s) {
        boolean ended = s.state() == ShiftState.HALTED || s.state() == ShiftState.STOPPED;
        Button.Confirm confirm = new Button.Confirm(
                "Abort the shift?",
                "Traffic goes back to " + s.plan().allBlue() + " (no traffic on green) at once"
                        + (ended ? ", if the weights are still " + s.live() + " as the shift left them." : "."),
                "Abort",
                ended ? "Leave them" : "Keep shifting");
        Button abort = new Button("Abort", ABORT, s.id(), Button.Style.DANGER, confirm);
        return switch (s.state()) {
            case PENDING -> List.of(new Button("Approve", APPROVE, s.id(), Button.Style.PRIMARY, null), abort);
            case BAKING -> List.of(
                    new Button("Pause", PAUSE, s.id(), Button.Style.DEFAULT, null),
                    new Button("Promote now", PROMOTE, s.id(), Button.Style.PRIMARY, null),
                    abort);
            case PAUSED -> List.of(
                    new Button("Resume", RESUME, s.id(), Button.Style.DEFAULT, null),
                    new Button("Promote now", PROMOTE, s.id(), Button.Style.PRIMARY, null),
                    abort);
            case APPLYING, REVERTING, HALTED, STOPPED -> List.of(abort);
            default -> List.of();
        };
    }

    private static String bar(String label, int weight, Weights w) {
        int sum = w.blue() + w.green();
        int filled = sum == 0 ? 0 : (int) Math.round((double) BAR * weight / sum);
        int percent = sum == 0 ? 0 : (int) Math.round(100.0 * weight / sum);
        return label + " " + "█".repeat(filled) + "░".repeat(BAR - filled) + " " + percent + "% (weight " + weight
                + ")";
    }

    private static String step(Shift s) {
        int n = s.plan().steps().size();
        return s.step() < 0 ? "not started (" + n + " steps)" : (s.step() + 1) + " of " + n;
    }

    private static String bakeLeft(Shift s, Instant now) {
        if (s.state() == ShiftState.PAUSED && s.remaining() != null) {
            return Mrkdwn.duration(s.remaining()) + " (paused)";
        }
        if (s.state() == ShiftState.BAKING && s.isPropagating()) {
            return Mrkdwn.duration(s.plan().bake()) + ", from when the change is INSYNC (propagating)";
        }
        if (s.state() != ShiftState.BAKING || s.deadline() == null) {
            return "–";
        }
        Duration left = now.isAfter(s.deadline()) ? Duration.ZERO : Duration.between(now, s.deadline());
        return Mrkdwn.duration(left) + " (until " + Mrkdwn.time(s.deadline()) + ")";
    }
}
