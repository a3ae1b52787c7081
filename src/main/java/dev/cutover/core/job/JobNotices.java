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
    /** Records kept for an unreachable history, at most this many (oldest dropped first). */
    static final int MAX_PENDING = 1000;

    private final Notifier notifier;
    private final java.util.ArrayDeque<RunRecord> pending = new java.util.ArrayDeque<>();

    JobNotices(Notifier notifier) {
        this.notifier = notifier;
    }

    void recordQuietly(JobHistory history, RunRecord rec) {
        flush(history);
        try {
            history.record(rec);
        } catch (RuntimeException e) {
            // Most often the history shares the outage that made the fire skip (Redis down): keep the
            // record and write it once the store answers again, so no skip goes unrecorded.
            log.warn("could not record run {} of {} yet: {}", rec.fireId(), rec.job(), e.toString());
            keep(rec);
        }
        log.info(
                "job {} fire {}: {} after {} attempt(s): {}",
                rec.job(),
                rec.fireId(),
                rec.result(),
                rec.attempts(),
                rec.detail());
    }

    /**
     * Writes the records kept while the history could not be reached, oldest first.
     *
     * @return how many are still waiting
     */
    int flush(JobHistory history) {
        synchronized (pending) {
            while (!pending.isEmpty()) {
                try {
                    history.record(pending.peekFirst());
                } catch (RuntimeException e) {
                    return pending.size();
                }
                pending.removeFirst();
            }
            return 0;
        }
    }

    private void keep(RunRecord rec) {
        synchronized (pending) {
            if (pending.size() == MAX_PENDING) {
                RunRecord dropped = pending.removeFirst();
                log.warn("history unreachable for long: dropped the record of {}", dropped.fireId());
            }
            pending.addLast(rec);
        }
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

    void clockSkew(String channel, Duration skew) {
        // skew is the store's time minus ours: negative when this replica is ahead.
        String how = String.format(
                java.util.Locale.ROOT,
                "%.1f s %s",
                skew.abs().toMillis() / 1000.0,
                skew.isNegative() ? "ahead of" : "behind");
        String title = "Scheduler: this replica's clock is " + how + " Redis";
        String body = "This replica's clock is " + how + " Redis's TIME (more than 1 s): slots, misfires and"
                + " missed-run checks use this clock, lock expiry uses Redis's. Check NTP on this host.";
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
