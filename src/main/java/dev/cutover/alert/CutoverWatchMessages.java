package dev.cutover.alert;

import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.dns.SwapPlan;
import dev.cutover.reply.Mrkdwn;
import java.time.Instant;
import java.util.List;

/** The cutover watch message (updated in place), its alerts with the Roll back button, and its ending. */
final class CutoverWatchMessages {
    private CutoverWatchMessages() {}

    static Message status(CutoverWatchRun r, Instant now) {
        String title = title(r);
        CutoverReading x = r.last;
        return Message.builder(title)
                .section("*" + title + "*\n" + r.applied.plan().pair().blue() + " now → "
                        + SwapPlan.targets(r.applied.plan().blueAfter()))
                .fields(List.of(
                        "*Requests:* " + (x == null ? "—" : QueueAlertMessages.number(x.requests())),
                        "*5XX rate:* " + (x == null ? "—" : String.format("%.2f%%", x.errorRate() * 100)),
                        "*p95:* "
                                + (x == null || x.p95Seconds() == null ? "—" : String.format("%.3f s", x.p95Seconds())),
                        "*Tasks:* "
                                + (x == null || x.running() == null
                                        ? "—"
                                        : x.running() + " running / " + x.desired() + " desired")))
                .context("Target group " + r.side.targetGroup() + " · window until " + Mrkdwn.time(r.end)
                        + " · Route 53: "
                        + dns(r) + " · old records' TTL " + r.ttl.toSeconds() + " s"
                        + (r.alerted.isEmpty() ? "" : " · alerts: " + String.join(", ", r.alerted)))
                .build();
    }

    static Message alert(CutoverWatchRun r, String breach) {
        String text = ":rotating_light: Cutover of *" + r.pair() + "*: " + breach + ".";
        return Message.builder(text)
                .section(text)
                .actions(List.of(rollbackButton(r.pair())))
                .build();
    }

    static Message ending(CutoverWatchRun r) {
        return Message.text(title(r));
    }

    /** The Roll back button: starts a rollback request of {@code pair} through the approval rules. */
    static Button rollbackButton(String pair) {
        return new Button(
                "Roll back",
                CutoverWatch.ROLLBACK_ACTION_ID,
                pair,
                Button.Style.DANGER,
                new Button.Confirm(
                        "Roll back " + pair + "?",
                        "This asks to roll back the last swap of " + pair + "; the usual approval rules apply.",
                        "Request rollback",
                        "Cancel"));
    }

    private static String title(CutoverWatchRun r) {
        String how = r.ending;
        if (how == null) {
            return ":eyes: Watching the cutover of " + r.pair();
        }
        return switch (how) {
            case "healthy" -> ":white_check_mark: The cutover of " + r.pair() + " looks healthy";
            case "quiet" -> ":grey_question: The cutover of " + r.pair()
                    + " saw no requests on its new side: its health is not confirmed";
            case "alerts" -> ":warning: The cutover window of " + r.pair() + " ended with alerts ("
                    + String.join(", ", r.alerted) + ")";
            case "unconfirmed" -> ":grey_question: The cutover of " + r.pair()
                    + " could not be confirmed: Route 53 did not report INSYNC"
                    + (r.insyncProblem == null ? "" : " (" + r.insyncProblem + ")");
            default -> ":stop_sign: Stopped watching the cutover of " + r.pair() + " (" + how.substring(9) + ")";
        };
    }

    private static String dns(CutoverWatchRun r) {
        return r.insyncAt != null
                ? "INSYNC at " + Mrkdwn.time(r.insyncAt)
                : r.insyncProblem != null ? "not INSYNC" : "PENDING";
    }
}
