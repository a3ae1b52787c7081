package dev.cutover.alert;

import dev.cutover.core.alert.AlarmChange;
import dev.cutover.core.chat.MessageRef;
import dev.cutover.reply.Mrkdwn;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every replica knows of one CloudWatch alarm, kept in the shared store under its ARN.
 *
 * @param name the alarm's name
 * @param state its state after the newest change applied ({@code ALARM}, {@code OK}, {@code INSUFFICIENT_DATA})
 * @param changedAt the state change time of that change: a delivery at or before it is a duplicate
 *     (or older, overtaken) and changes nothing
 * @param since when the open incident began (the first ALARM), or null when none is open
 * @param message the open incident's message, or null (none open, or not posted yet)
 * @param thread where the incident's changes are replied, or null
 * @param reason the newest reason, cut to {@link AlarmMessages#REASON} characters
 * @param metric the alarm's metric, or null
 * @param threshold the alarm's threshold, or null
 * @param postDue while the open incident's message is not posted: until when the replica that
 *     applied the change owns its post; a delivery of the change after it (SQS delivers it again,
 *     as it was not deleted) posts it, so a replica that failed, stopped or died mid-post loses
 *     nothing. Null once posted, or when nothing is to be posted
 * @param guard what the alarm did to its pairs' cutovers when it opened (shown on the message while
 *     the incident is open), or null
 * @param rollbackPair the pair whose Roll back button the open incident's message carries, or null
 */
public record AlarmState(
        String name,
        String state,
        Instant changedAt,
        @Nullable Instant since,
        @Nullable MessageRef message,
        @Nullable MessageRef thread,
        String reason,
        @Nullable String metric,
        @Nullable String threshold,
        @Nullable Instant postDue,
        @Nullable String guard,
        @Nullable String rollbackPair) {
    public AlarmState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
        reason = reason == null ? "" : reason;
    }

    /** True while an incident is open (from ALARM until OK). */
    public boolean open() {
        return since != null;
    }

    /** True when the alarm fires now. */
    public boolean firing() {
        return AlarmChange.ALARM.equals(state);
    }

    /**
     * The state after {@code c}: an ALARM opens an incident (or continues the open one), an OK
     * closes it, and anything else keeps it as it is.
     */
    static AlarmState after(@Nullable AlarmState before, AlarmChange c) {
        boolean wasOpen = before != null && before.open();
        Instant nextSince;
        if (c.firing()) {
            nextSince = wasOpen ? before.since() : c.at();
        } else if (AlarmChange.OK.equals(c.state())) {
            nextSince = null;
        } else {
            // INSUFFICIENT_DATA: an open incident stays open, none is opened.
            nextSince = wasOpen ? before.since() : null;
        }
        boolean keep = wasOpen && nextSince != null;
        return new AlarmState(
                c.name(),
                c.state(),
                c.at(),
                nextSince,
                keep ? before.message() : null,
                keep ? before.thread() : null,
                Mrkdwn.cut(c.reason(), AlarmMessages.REASON),
                c.metric() != null || before == null ? c.metric() : before.metric(),
                c.threshold() != null || before == null ? c.threshold() : before.threshold(),
                keep ? before.postDue() : null,
                keep ? before.guard() : null,
                keep ? before.rollbackPair() : null);
    }

    /** This state with its incident's message posted, showing {@code guard} and {@code rollbackPair}'s button. */
    AlarmState postedAt(MessageRef posted, MessageRef inThread, @Nullable String guard, @Nullable String rollbackPair) {
        return new AlarmState(
                name, state, changedAt, since, posted, inThread, reason, metric, threshold, null, guard, rollbackPair);
    }

    /** This state with its incident's post owned until {@code due} (a past time: anyone may post it now). */
    AlarmState postDue(Instant due) {
        return new AlarmState(
                name, state, changedAt, since, message, thread, reason, metric, threshold, due, guard, rollbackPair);
    }

    /** True when the open incident's message is still to be posted and its owner's time ran out at {@code now}. */
    boolean postOverdue(Instant now) {
        return open() && message == null && postDue != null && !now.isBefore(postDue);
    }
}
