package dev.cutover.commands;

import dev.cutover.core.chat.Message;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftOutcome;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.reply.Mrkdwn;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shift message's buttons: Approve, Pause, Resume, Promote now and Abort. Each click carries
 * only the shift id; the service re-reads the stored shift and checks the clicker, so any replica
 * handles any click. The message itself is updated by {@link ShiftPresenter}.
 */
public final class ShiftActions {
    private static final Logger log = LoggerFactory.getLogger(ShiftActions.class);

    private ShiftActions() {}

    /** The five handlers. */
    public static List<ActionHandler> all(ShiftService shifts) {
        return List.of(
                handler(ShiftMessages.APPROVE, shifts::approve),
                handler(ShiftMessages.PAUSE, shifts::pause),
                handler(ShiftMessages.RESUME, shifts::resume),
                handler(ShiftMessages.PROMOTE, shifts::promote, ShiftActions::promoteWords),
                handler(ShiftMessages.ABORT, shifts::abort));
    }

    /** What the clicking user is told for an outcome other than a change (a change speaks through the message). */
    static String words(ShiftOutcome out) {
        if (out instanceof ShiftOutcome.Refused r) {
            return RefusalText.reply(r.refusal());
        }
        if (out instanceof ShiftOutcome.WrongState w) {
            return "The shift of *" + w.shift().pair() + "* is "
                    + w.shift().state().word() + "; that does not apply" + " now.";
        }
        if (out instanceof ShiftOutcome.Unreadable u) {
            return ":warning: The weights could not be read; nothing was changed ("
                    + dev.cutover.reply.Mrkdwn.escape(dev.cutover.reply.Mrkdwn.cut(u.reason(), 300)) + ").";
        }
        if (out instanceof ShiftOutcome.Drifted d) {
            return ":warning: The weights of *" + Mrkdwn.escape(d.pair()) + "* are " + d.now()
                    + ", not " + d.expected() + " as the shift left them: someone changed them since, so the"
                    + " abort was refused and nothing was written. Change them by hand or start a new `/shift`.";
        }
        if (out instanceof ShiftOutcome.NothingToShift n) {
            return "Green already gets " + n.greenPercent() + "% of the traffic of *" + Mrkdwn.escape(n.pair())
                    + "*: a shift only moves traffic towards green, so every step must be above "
                    + n.greenPercent() + "%. Nothing was changed.";
        }
        if (out instanceof ShiftOutcome.NoSuchShift) {
            return "That shift no longer exists, or its pair has no `traffic:` any more.";
        }
        return "";
    }

    /**
     * What the clicker of Promote now is told: also when it changed the shift, since the message
     * may not show a move yet (another replica's sweep may make it, or the pair is frozen).
     */
    static String promoteWords(ShiftOutcome out) {
        if (!(out instanceof ShiftOutcome.Changed c)) {
            return words(out);
        }
        Shift s = c.shift();
        if (s.promoted()) {
            return "Promoted: step " + (s.step() + 1) + " of *" + Mrkdwn.escape(s.pair())
                    + "* ends now; the next sweep of any replica moves it on (not while the pair is frozen"
                    + " or green's health cannot be read).";
        }
        return "Promoted: the shift of *" + Mrkdwn.escape(s.pair()) + "* is " + s.stateWord() + " at " + s.shown()
                + ".";
    }

    private static ActionHandler handler(String actionId, BiFunction<String, String, ShiftOutcome> act) {
        return handler(actionId, act, ShiftActions::words);
    }

    private static ActionHandler handler(
            String actionId, BiFunction<String, String, ShiftOutcome> act, Function<ShiftOutcome, String> say) {
        return new ActionHandler() {
            @Override
            public String actionId() {
                return actionId;
            }

            @Override
            public CommandResult handle(ActionInvocation click) {
                return CommandResult.later(() -> {
                    String answer;
                    try {
                        answer = say.apply(act.apply(click.value(), click.userId()));
                    } catch (RuntimeException e) {
                        log.warn("{} failed", actionId, e);
                        // A click may have written weights before the store failed: never "nothing was changed".
                        answer = FailureText.shiftReply(e);
                    }
                    if (!answer.isEmpty()) {
                        click.responder().ephemeral(Message.text(answer));
                    }
                });
            }
        };
    }
}
