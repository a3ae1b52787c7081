package dev.cutover.alert;

import dev.cutover.config.AlertStepConfig;
import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.alert.AlertState;
import dev.cutover.core.alert.AlertTransition;
import dev.cutover.core.alert.Incident;
import dev.cutover.core.alert.QueueSample;
import dev.cutover.core.alert.Sparkline;
import dev.cutover.core.chat.Message;
import dev.cutover.reply.Mrkdwn;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The queue incident message (updated in place) and the lines replied in its thread. */
final class QueueAlertMessages {
    private QueueAlertMessages() {}

    /** The incident message: level, current value, peak, since when, the last hour as a sparkline. */
    static Message incident(WatchedQueue q, AlertState s, Incident incident, boolean recovered) {
        QueueSample last = s.last();
        String title = recovered
                ? emoji(AlertLevel.OK) + " " + q.name() + " recovered after "
                        + elapsed(Duration.between(incident.since(), last.at()))
                : emoji(s.level()) + " " + q.name() + " is " + s.level().wire();
        return Message.builder(title)
                .section("*" + title + "*")
                .fields(List.of(
                        "*Visible:* " + number(last.visible()) + " (peak " + number(incident.peak()) + ")",
                        "*Oldest message:* "
                                + (last.oldestAgeSeconds() == null ? "—" : number(last.oldestAgeSeconds()) + " s"),
                        "*Since:* " + Mrkdwn.time(incident.since()),
                        "*Worst:* " + incident.worst().wire()))
                .section("`" + sparkline(s) + "` last hour")
                .context("Steps: " + steps(q) + "; " + q.rule().consecutivePolls() + " poll(s) in a row must agree.")
                .build();
    }

    /** The thread line of a change of level. */
    static Message change(WatchedQueue q, AlertTransition t) {
        QueueSample last = t.next().last();
        String text =
                switch (t.change()) {
                    case RECOVERED -> emoji(AlertLevel.OK) + " *" + q.name() + "* recovered after "
                            + elapsed(t.duration()) + " (" + number(last.visible()) + " visible).";
                    default -> emoji(t.to()) + " *" + q.name() + "* "
                            + t.from().wire() + " → " + t.to().wire() + ": "
                            + number(last.visible()) + " visible"
                            + (last.oldestAgeSeconds() == null
                                    ? ""
                                    : ", oldest " + number(last.oldestAgeSeconds()) + " s")
                            + ".";
                };
        return Message.text(text);
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.1f", d);
    }

    /** How long an incident lasted, for people: seconds under a minute, else whole minutes. */
    static String elapsed(Duration d) {
        return d.toSeconds() < 60 ? Math.max(0, d.toSeconds()) + " s" : minutes(d) + " min";
    }

    static long minutes(Duration d) {
        return Math.max(0, Math.round(d.toSeconds() / 60.0));
    }

    private static String sparkline(AlertState s) {
        return Sparkline.of(s.history().stream().map(AlertState.Point::value).toList(), 60);
    }

    private static String steps(WatchedQueue q) {
        return q.config().steps().stream().map(QueueAlertMessages::step).collect(Collectors.joining(", "));
    }

    private static String step(AlertStepConfig s) {
        String bound = s.threshold() == null ? "" : "≥" + number(s.threshold()) + " visible";
        if (s.oldestAgeSeconds() != null) {
            bound += (bound.isEmpty() ? "" : " or ") + "oldest ≥" + number(s.oldestAgeSeconds()) + " s";
        }
        return bound + " " + s.severity().wire();
    }

    /** The emoji that stands for {@code level} in chat. */
    static String emoji(AlertLevel level) {
        return switch (level) {
            case OK -> ":white_check_mark:";
            case WARNING -> ":warning:";
            case CRITICAL -> ":rotating_light:";
        };
    }
}
