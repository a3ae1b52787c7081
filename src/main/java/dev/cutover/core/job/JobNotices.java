package dev.cutover.core.job;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages jobs post: a failure notice (once per fire, after the last attempt) and a missed-run
 * alert. A chat or history outage is logged, never allowed to fail the run itself.
 */
final class JobNotices {
    private static final Logger log = LoggerFactory.getLogger(JobNotices.class);
    private final Notifier notifier;

    JobNotices(Notifier notifier) {
        this.notifier = notifier;
    }

    void recordQuietly(JobHistory history, RunRecord rec) {
        try {
            history.record(rec);
        } catch (RuntimeException e) {
            log.warn("could not record run {} of {}: {}", rec.fireId(), rec.job(), e.toString());
        }
        log.info(
                "job {} fire {}: {} after {} attempt(s): {}",
                rec.job(),
                rec.fireId(),
                rec.result(),
                rec.attempts(),
                rec.detail());
    }

    void failure(String channel, RunRecord rec) {
        List<String> fields = new ArrayList<>();
        fields.add("*Fire*\n" + rec.fireId());
        fields.add("*Attempts*\n" + rec.attempts());
        if (rec.exitCode() != null) {
            fields.add("*Exit code*\n" + rec.exitCode());
        }
        for (Map.Entry<String, String> ref : rec.refs().entrySet()) {
            fields.add("*" + ref.getKey() + "*\n" + ref.getValue());
        }
        String title =
                "Job " + rec.job() + ": " + rec.result().name().toLowerCase().replace('_', ' ');
        post(
                channel,
                Message.builder(title + " - " + rec.detail())
                        .header(title)
                        .section(rec.detail().isEmpty() ? "(no detail)" : rec.detail())
                        .fields(fields.subList(0, Math.min(10, fields.size())))
                        .context("trigger " + rec.trigger() + " | slot " + rec.slot() + " | took "
                                + rec.duration().toMillis() + " ms")
                        .build());
    }

    void missedRun(String channel, JobSpec spec, Instant slot, Duration grace) {
        String title = "Job " + spec.name() + ": missed run";
        String body = "The run scheduled for " + slot + " ("
                + slot.atZone(spec.zone()).toLocalDateTime() + " "
                + spec.zone() + ") had not started " + grace.toSeconds() + " s later. Scheduler down, every"
                + " replica busy, or the lock held too long?";
        post(
                channel,
                Message.builder(title + " - " + body)
                        .header(title)
                        .section(body)
                        .build());
    }

    void neverFires(String channel, JobSpec spec) {
        String title = "Job " + spec.name() + ": disabled, its schedule never fires";
        String body = "The schedule " + spec.schedule().describe()
                + " has no fire time ahead, so this job is not scheduled; the other jobs run."
                + " Fix its cron (check-config shows the line) and redeploy.";
        post(
                channel,
                Message.builder(title + " - " + body)
                        .header(title)
                        .section(body)
                        .build());
    }

    private void post(String channel, Message message) {
        if (channel == null) {
            log.warn("no channel for notice: {}", message.text());
            return;
        }
        try {
            notifier.post(channel, message);
        } catch (RuntimeException e) {
            log.warn("could not post notice to {}: {} ({})", channel, message.text(), e.toString());
        }
    }
}
