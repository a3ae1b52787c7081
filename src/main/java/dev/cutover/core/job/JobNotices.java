package dev.cutover.core.job;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of each run and the notices about jobs (a failure notice once per fire, after the last
 * attempt; a missed run; clock skew; a schedule that never fires), passed to {@link JobAlerts}. A
 * chat or history outage is logged, never allowed to fail the run itself.
 */
final class JobNotices {
    private static final Logger log = LoggerFactory.getLogger(JobNotices.class);
    /** Records kept for an unreachable history, at most this many (oldest dropped first). */
    static final int MAX_PENDING = 1000;

    private final JobAlerts alerts;
    private final java.util.ArrayDeque<RunRecord> pending = new java.util.ArrayDeque<>();

    JobNotices(JobAlerts alerts) {
        this.alerts = alerts;
    }

    /**
     * A duplicate delivery of a fire: not written to the history (the slot has its entry), only
     * counted, and logged at debug level.
     */
    void duplicateQuietly(JobHistory history, RunRecord rec) {
        try {
            history.duplicate(rec);
        } catch (RuntimeException e) {
            log.debug("could not count duplicate {} of {}: {}", rec.fireId(), rec.job(), e.toString());
        }
        log.debug("job {} fire {}: {}: {}", rec.job(), rec.fireId(), rec.result(), rec.detail());
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
        alerts.failed(channel, rec);
    }

    void missedRun(String channel, JobSpec spec, Instant slot, Duration grace) {
        alerts.missedRun(channel, spec, slot, grace);
    }

    void clockSkew(String channel, Duration skew) {
        alerts.clockSkew(channel, skew);
    }

    void neverFires(String channel, JobSpec spec) {
        alerts.neverFires(channel, spec);
    }
}
