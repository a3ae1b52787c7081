package dev.cutover.quartz;

import dev.cutover.core.job.JobSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the stored schedule match the config. A trigger is re-stored only when its definition
 * (expression, zone, misfire instruction) changed: re-storing resets its next fire time, which would
 * lose a pending misfire (the catch-up after downtime) and the pause state.
 */
final class TriggerSync {
    static final String GROUP = "cutover";
    private static final Logger log = LoggerFactory.getLogger(TriggerSync.class);

    private TriggerSync() {}

    /** Stores, updates or removes jobs and triggers; returns the names whose cron trigger was (re)stored. */
    static Set<String> sync(Scheduler s, List<JobSpec> specs, Instant now) throws SchedulerException {
        Set<String> stored = new HashSet<>();
        Set<JobKey> wanted = new HashSet<>();
        for (JobSpec spec : specs) {
            wanted.add(JobKey.jobKey(spec.name(), GROUP));
            if (syncOne(s, spec, now)) {
                stored.add(spec.name());
            }
        }
        for (JobKey k : s.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(k)) {
                log.info("job {} is no longer configured; removing it from the schedule", k.getName());
                s.deleteJob(k);
            }
        }
        return stored;
    }

    private static boolean syncOne(Scheduler s, JobSpec spec, Instant now) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(FireJob.class)
                .withIdentity(spec.name(), GROUP)
                .storeDurably()
                .requestRecovery(false) // a replayed fire would be refused by its fire-identity claim anyway
                .build();
        if (!s.checkExists(job.getKey())) {
            s.addJob(job, false);
        }
        if (!spec.enabled() || neverFires(spec, now)) {
            s.unscheduleJob(cronKey(spec));
            s.unscheduleJob(gapKey(spec));
            return false;
        }
        syncGap(s, spec, now);
        Trigger current = s.getTrigger(cronKey(spec));
        if (current instanceof CronTrigger ct && sameDefinition(ct, spec)) {
            return false;
        }
        Trigger fresh = cronTrigger(spec);
        if (current == null) {
            s.scheduleJob(fresh);
        } else {
            s.rescheduleJob(cronKey(spec), fresh);
        }
        return true;
    }

    /**
     * Whether {@code spec}'s schedule has no fire after {@code now}. Quartz refuses to store such a
     * trigger ("will never fire"), which would fail the whole start; the job is left unscheduled
     * instead and reported by the caller (see {@code MissedRunWatchdog#reportNeverFiring}).
     */
    static boolean neverFires(JobSpec spec, Instant now) {
        if (spec.schedule().nextAfter(now).isPresent()) {
            return false;
        }
        log.warn(
                "job {} ({}) never fires again; left unscheduled",
                spec.name(),
                spec.schedule().describe());
        return true;
    }

    /**
     * Keeps one one-shot trigger at the next daylight-saving fire Quartz does not make (the end of a
     * gap the expression falls into, or the next first occurrence in a repeated hour); refreshed by
     * {@code maintain()} every minute, so every repeated-hour fire of a job at 5-minute or longer
     * intervals is made.
     */
    static void syncGap(Scheduler s, JobSpec spec, Instant now) throws SchedulerException {
        Optional<Instant> gap = ((CronSchedule) spec.schedule()).nextExtraFireAfter(now);
        Trigger current = s.getTrigger(gapKey(spec));
        if (gap.isEmpty()) {
            s.unscheduleJob(gapKey(spec));
            return;
        }
        if (current != null && current.getStartTime().toInstant().equals(gap.get())) {
            return;
        }
        Trigger fresh = TriggerBuilder.newTrigger()
                .withIdentity(gapKey(spec))
                .forJob(spec.name(), GROUP)
                .startAt(Date.from(gap.get()))
                .withSchedule(gapSchedule(spec))
                .build();
        if (current == null) {
            s.scheduleJob(fresh);
        } else {
            s.rescheduleJob(gapKey(spec), fresh);
        }
    }

    static TriggerKey cronKey(JobSpec spec) {
        return TriggerKey.triggerKey(spec.name(), GROUP);
    }

    static TriggerKey gapKey(JobSpec spec) {
        return TriggerKey.triggerKey(spec.name() + ".dst-gap", GROUP);
    }

    private static boolean sameDefinition(CronTrigger ct, JobSpec spec) {
        CronSchedule cs = (CronSchedule) spec.schedule();
        return ct.getCronExpression().equals(cs.expression())
                && ct.getTimeZone().getID().equals(cs.zone().getId())
                && ct.getMisfireInstruction() == cronMisfire(spec);
    }

    private static Trigger cronTrigger(JobSpec spec) {
        CronSchedule cs = (CronSchedule) spec.schedule();
        CronScheduleBuilder b =
                CronScheduleBuilder.cronSchedule(cs.expression()).inTimeZone(TimeZone.getTimeZone(cs.zone()));
        b = spec.catchUp()
                ? b.withMisfireHandlingInstructionFireAndProceed()
                : b.withMisfireHandlingInstructionDoNothing();
        return TriggerBuilder.newTrigger()
                .withIdentity(cronKey(spec))
                .forJob(spec.name(), GROUP)
                .withSchedule(b)
                .build();
    }

    private static int cronMisfire(JobSpec spec) {
        return spec.catchUp()
                ? CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
                : CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
    }

    private static SimpleScheduleBuilder gapSchedule(JobSpec spec) {
        SimpleScheduleBuilder b = SimpleScheduleBuilder.simpleSchedule();
        return spec.catchUp()
                ? b.withMisfireHandlingInstructionFireNow()
                : b.withMisfireHandlingInstructionNextWithRemainingCount();
    }
}
