package dev.cutover.jobs;

import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.JobAlerts;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words the job notices as chat messages and posts them in the job's channel: a failure with the
 * run's fire, attempts, exit code and references (at most 10 fields, Block Kit's limit for a
 * section), a missed run, clock skew, and a schedule that never fires. A chat outage is logged.
 */
public final class JobAlertMessages implements JobAlerts {
    private static final Logger log = LoggerFactory.getLogger(JobAlertMessages.class);

    private final Notifier notifier;

    public JobAlertMessages(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void failed(@Nullable String channel, RunRecord rec) {
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

    @Override
    public void missedRun(@Nullable String channel, JobSpec spec, Instant slot, Duration grace) {
        String body = "The run scheduled for " + slot + " ("
                + slot.atZone(spec.zone()).toLocalDateTime() + " "
                + spec.zone() + ") had not started " + grace.toSeconds() + " s later. Scheduler down, every"
                + " replica busy, or the lock held too long?";
        notice(channel, "Job " + spec.name() + ": missed run", body);
    }

    @Override
    public void clockSkew(@Nullable String channel, Duration skew) {
        String how = String.format(
                Locale.ROOT, "%.1f s %s", skew.abs().toMillis() / 1000.0, skew.isNegative() ? "ahead of" : "behind");
        String body = "This replica's clock is " + how + " Redis's TIME (more than 1 s): slots, misfires and"
                + " missed-run checks use this clock, lock expiry uses Redis's. Check NTP on this host.";
        notice(channel, "Scheduler: this replica's clock is " + how + " Redis", body);
    }

    @Override
    public void neverFires(@Nullable String channel, JobSpec spec) {
        String body = "The schedule " + spec.schedule().describe()
                + " has no fire time ahead, so this job is not scheduled; the other jobs run."
                + " Fix its cron (check-config shows the line) and redeploy.";
        notice(channel, "Job " + spec.name() + ": disabled, its schedule never fires", body);
    }

    private void notice(@Nullable String channel, String title, String body) {
        post(
                channel,
                Message.builder(title + " - " + body)
                        .header(title)
                        .section(body)
                        .build());
    }

    private void post(@Nullable String channel, Message message) {
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
