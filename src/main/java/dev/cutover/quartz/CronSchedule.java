package dev.cutover.quartz;

import dev.cutover.core.job.Schedule;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression in a zone, with this daylight-saving policy:
 *
 * <ul>
 *   <li>Local times that do not exist (spring forward): Quartz's {@code CronExpression} skips them,
 *       so a daily 02:30 America/New_York job would not run on 2026-03-08 at all. Like Vixie cron,
 *       the job runs instead once at the first valid instant after the gap (03:00 EDT). The glue
 *       schedules that extra fire as a one-shot trigger ({@link #nextGapFireAfter}).
 *   <li>Local times that occur twice (fall back): Quartz fires once, at the second occurrence (a
 *       daily 01:30 job runs at 01:30 EST on 2026-11-01). Kept as is: once is what matters.
 * </ul>
 */
public final class CronSchedule implements Schedule {
    private static final Duration YEAR = Duration.ofDays(366);
    private final String expression;
    private final ZoneId zone;
    private final CronExpression inZone;
    private final CronExpression wallClock;

    /**
     * @param expression a Quartz cron expression
     * @throws IllegalArgumentException when it does not parse
     */
    public CronSchedule(String expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
        this.inZone = parse(expression, TimeZone.getTimeZone(zone));
        // The same expression read on wall-clock time (local date-times encoded as UTC instants).
        this.wallClock = parse(expression, TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    /** The Quartz expression. */
    public String expression() {
        return expression;
    }

    /** The zone. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Instant> nextAfter(Instant t) {
        Optional<Instant> quartz = quartzNextAfter(t);
        Optional<Instant> gap = nextGapFireAfter(t);
        if (gap.isPresent() && (quartz.isEmpty() || gap.get().isBefore(quartz.get()))) {
            return gap;
        }
        return quartz;
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant t) {
        for (Duration window = Duration.ofMinutes(1); window.compareTo(YEAR) < 0; window = window.multipliedBy(4)) {
            Optional<Instant> found = Optional.empty();
            Optional<Instant> next = nextAfter(t.minus(window));
            while (next.isPresent() && !next.get().isAfter(t)) {
                found = next;
                next = nextAfter(next.get());
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The next instant after {@code t} that ends a daylight-saving gap containing a local time this
     * expression matches; Quartz itself never fires for such a local time.
     */
    public Optional<Instant> nextGapFireAfter(Instant t) {
        Instant limit = t.plus(YEAR);
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
                tr != null && tr.getInstant().isBefore(limit);
                tr = zone.getRules().nextTransition(tr.getInstant())) {
            if (tr.isGap() && matchesWallClockIn(tr.getDateTimeBefore(), tr.getDateTimeAfter())) {
                return Optional.of(tr.getInstant());
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "`" + expression + "` in " + zone.getId();
    }

    private synchronized Optional<Instant> quartzNextAfter(Instant t) {
        return Optional.ofNullable(inZone.getNextValidTimeAfter(Date.from(t))).map(Date::toInstant);
    }

    private synchronized boolean matchesWallClockIn(LocalDateTime from, LocalDateTime until) {
        Date start = Date.from(from.toInstant(ZoneOffset.UTC).minusMillis(1));
        Date next = wallClock.getNextValidTimeAfter(start);
        return next != null && next.toInstant().isBefore(until.toInstant(ZoneOffset.UTC));
    }

    private static CronExpression parse(String expression, TimeZone tz) {
        try {
            CronExpression e = new CronExpression(expression);
            e.setTimeZone(tz);
            return e;
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    "invalid Quartz cron expression " + expression + ": " + e.getMessage(), e);
        }
    }
}
