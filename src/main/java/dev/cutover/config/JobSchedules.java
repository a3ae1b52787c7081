package dev.cutover.config;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Checks that each enabled job will fire again: a cron that never fires ({@code 0 0 0 30 2 ?}, or a
 * one-off whose year has passed) is valid syntax, so the records accept it. {@code check-config}
 * refuses it with the file, line and key; {@code serve} only disables that job (a one-off that has
 * just passed must not stop a restart).
 */
public final class JobSchedules {
    private JobSchedules() {}

    /**
     * What {@code check-config} checks: what {@code serve} needs ({@link ServeRequirements}) and that
     * every enabled job fires after now.
     *
     * @throws ConfigException.InvalidValue naming {@code jobs[i].cron} of the first job that never fires
     */
    public static void checkForCheckConfig(CutoverConfig c) {
        ServeRequirements.check(c);
        checkFires(c.jobs(), Instant.now());
    }

    /**
     * Checks that every enabled job in {@code jobs} fires after {@code now}.
     *
     * @throws ConfigException.InvalidValue naming {@code jobs[i].cron} of the first job that never fires
     */
    public static void checkFires(List<JobConfig> jobs, Instant now) {
        for (int i = 0; i < jobs.size(); i++) {
            JobConfig j = jobs.get(i);
            if (j.enabled() && nextFire(j, now).isEmpty()) {
                throw ConfigException.invalid(
                        "jobs[" + i + "].cron",
                        "never fires after " + now + " (" + j.cronSpec().describe() + " in " + j.timeZone()
                                + "); fix the expression or set enabled: false");
            }
        }
    }

    /** The first fire of {@code job} strictly after {@code now}, read in the job's zone (UTC if unset). */
    public static Optional<Instant> nextFire(JobConfig job, Instant now) {
        try {
            CronExpression e = new CronExpression(job.cronSpec().quartz());
            e.setTimeZone(TimeZone.getTimeZone(job.timeZone() == null ? "UTC" : job.timeZone()));
            return Optional.ofNullable(e.getNextValidTimeAfter(Date.from(now))).map(Date::toInstant);
        } catch (ParseException e) {
            throw new IllegalStateException("cron was validated when the job was read", e);
        }
    }
}
