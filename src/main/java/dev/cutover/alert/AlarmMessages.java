package dev.cutover.alert;

import dev.cutover.core.alert.AlertLevel;
import dev.cutover.core.chat.Message;
import dev.cutover.reply.Mrkdwn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The alarm incident message (updated in place) and the lines replied in its thread. */
final class AlarmMessages {
    /** The most characters of an alarm's reason shown (CloudWatch's can run to 1,023). */
    static final int REASON = 300;

    private AlarmMessages() {}

    /**
     * The incident message.
     *
     * @param s the alarm's state after the change
     * @param since when the incident began (the state's, or for a recovery the closed incident's)
     * @param guard what the alarm does to its pair's cutover ("rollback started ..."), or null
     * @param rollbackPair the pair whose Roll back button the message carries, or null for none
     */
    static Message incident(AlarmState s, Instant since, @Nullable String guard, @Nullable String rollbackPair) {
        String name = Mrkdwn.inEmphasis(Mrkdwn.cut(s.name(), 120));
        boolean recovered = !s.open();
        String title = recovered
                ? QueueAlertMessages.emoji(AlertLevel.OK) + " " + name + " recovered after "
                        + QueueAlertMessages.elapsed(Duration.between(since, s.changedAt()))
                : (s.firing() ? ":rotating_light: " : ":grey_question: ") + name + " is " + s.state();
        List<String> fields = new ArrayList<>();
        fields.add("*Metric:* " + (s.metric() == null ? "—" : "`" + Mrkdwn.inCode(s.metric()) + "`"));
        fields.add("*Threshold:* " + (s.threshold() == null ? "—" : Mrkdwn.escape(s.threshold())));
        fields.add("*Since:* " + Mrkdwn.time(since));
        fields.add("*State:* " + s.state() + " at " + Mrkdwn.time(s.changedAt()));
        Message.Builder b = Message.builder(title)
                .section("*" + title + "*")
                .fields(fields)
                .section(">" + (s.reason().isBlank() ? "(no reason given)" : Mrkdwn.escape(s.reason())));
        if (guard != null) {
            b.section(guard);
        }
        if (rollbackPair != null && s.open()) {
            b.actions(List.of(CutoverWatchMessages.rollbackButton(rollbackPair)));
        }
        return b.context("CloudWatch alarm · one message per incident, updated in place")
                .build();
    }

    /** The thread line of a change of an open incident. */
    static Message change(AlarmState s, Instant since) {
        String name = "*" + Mrkdwn.inEmphasis(Mrkdwn.cut(s.name(), 120)) + "*";
        if (!s.open()) {
            return Message.text(QueueAlertMessages.emoji(AlertLevel.OK) + " " + name + " recovered after "
                    + QueueAlertMessages.elapsed(Duration.between(since, s.changedAt())) + ".");
        }
        return Message.text((s.firing() ? ":rotating_light: " : ":grey_question: ") + name + " is " + s.state() + ": "
                + Mrkdwn.escape(Mrkdwn.cut(s.reason(), 150)));
    }
}
