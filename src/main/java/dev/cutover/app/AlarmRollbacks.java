package dev.cutover.app;

import dev.cutover.alert.AlarmMonitor;
import dev.cutover.commands.RefusalText;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.swap.RequestOutcome;
import dev.cutover.core.swap.SwapWorkflow;
import dev.cutover.reply.Mrkdwn;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the rollbacks that guard alarms of pairs with {@code rollbackOnAlarm: true} ask for, as
 * pre-approved changes ({@link SwapWorkflow#preApprovedRollback}), on the blocking executor: the
 * apply waits for INSYNC, and the alarm queue's reader must not.
 */
final class AlarmRollbacks implements AlarmMonitor.Rollbacks {
    private static final Logger log = LoggerFactory.getLogger(AlarmRollbacks.class);

    private final SwapWorkflow workflow;
    private final Executor blocking;
    private final Notifier notifier;

    /** @param notifier where a rollback that did not start says why (the request's channel) */
    AlarmRollbacks(SwapWorkflow workflow, Executor blocking, Notifier notifier) {
        this.workflow = workflow;
        this.blocking = blocking;
        this.notifier = notifier;
    }

    @Override
    public String start(String pair, String why, String channel) {
        try {
            blocking.execute(() -> {
                try {
                    RequestOutcome o = workflow.preApprovedRollback(pair, why, channel);
                    if (!(o instanceof RequestOutcome.Posted)) {
                        String reason = whyNot(o);
                        log.warn("the pre-approved rollback of {} did not start: {}", pair, reason);
                        notifier.post(
                                channel,
                                Message.text(":warning: The rollback of *" + pair + "* that " + why
                                        + " asked for did not start: " + reason));
                    }
                } catch (RuntimeException e) {
                    log.warn("the pre-approved rollback of {} failed: {}", pair, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            return "The bot is stopping: no rollback of *" + pair + "* was started.";
        }
        return "Rolling back *" + pair + "*: pre-approved by its `rollbackOnAlarm`; the request follows in "
                + Mrkdwn.channel(channel) + ".";
    }

    /** Why a rollback did not start, for people. */
    static String whyNot(RequestOutcome o) {
        if (o instanceof RequestOutcome.Refused r) {
            return RefusalText.of(r.why());
        }
        if (o instanceof RequestOutcome.CannotPlan c) {
            return Mrkdwn.escape(String.valueOf(c.error().getMessage()));
        }
        if (o instanceof RequestOutcome.NotPosted n) {
            return "its request could not be posted (" + Mrkdwn.escape(n.error()) + ")";
        }
        return "it started";
    }
}
