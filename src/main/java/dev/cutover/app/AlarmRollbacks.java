package dev.cutover.app;

import dev.cutover.alert.AlarmMonitor;
import dev.cutover.core.swap.RequestOutcome;
import dev.cutover.core.swap.SwapWorkflow;
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

    AlarmRollbacks(SwapWorkflow workflow, Executor blocking) {
        this.workflow = workflow;
        this.blocking = blocking;
    }

    @Override
    public String start(String pair, String why, String channel) {
        try {
            blocking.execute(() -> {
                try {
                    RequestOutcome o = workflow.preApprovedRollback(pair, why, channel);
                    if (!(o instanceof RequestOutcome.Posted)) {
                        log.warn("the pre-approved rollback of {} did not start: {}", pair, o);
                    }
                } catch (RuntimeException e) {
                    log.warn("the pre-approved rollback of {} failed: {}", pair, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            return "The bot is stopping: no rollback of *" + pair + "* was started.";
        }
        return "Rolling back *" + pair + "*: pre-approved by its `rollbackOnAlarm`; the request follows in "
                + dev.cutover.reply.Mrkdwn.channel(channel) + ".";
    }
}
