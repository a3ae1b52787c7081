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
 *       daily 01:30 job runs at 01:30 EST on 2026-11-01). Kept for jobs that fire at set hours:
 *       once is what matters.
 *   <li>Jobs that fire every hour (more precisely: also in the hour before the repeated one) keep
 *       their interval through the repeated hour: {@code 0 0/15 * * * ?} in America/New_York fires
 *       at 01:00, 01:15, 01:30, 01:45 EDT and again at 01:00 ... EST, instead of going silent from
 *       00:45 EDT to 01:00 EST. Quartz skips those first occurrences; the glue schedules them as
 *       one-shot triggers, one at a time ({@link #nextExtraFireAfter}).
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
        return earliest(quartzNextAfter(t), nextExtraFireAfter(t));
    }

    /**
     * The next fire after {@code t} that Quartz's cron trigger does not make itself: the end of a
     * spring-forward gap ({@link #nextGapFireAfter}) or a first occurrence in a fall-back repeated
     * hour ({@link #nextRepeatedHourFireAfter}).
     */
    public Optional<Instant> nextExtraFireAfter(Instant t) {
        return earliest(nextGapFireAfter(t), nextRepeatedHourFireAfter(t));
    }

    /**
     * The next fire after {@code t} at the first occurrence of a repeated (fall-back) local time, for
     * an expression that also fires in the hour before the repeated one, so it keeps its interval.
     */
    public Optional<Instant> nextRepeatedHourFireAfter(Instant t) {
        Instant limit = t.plus(YEAR);
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
                tr != null && tr.getInstant().isBefore(limit);
                tr = zone.getRules().nextTransition(tr.getInstant())) {
            if (!tr.isOverlap()) {
                continue;
            }
            LocalDateTime from = tr.getDateTimeAfter(); // e.g. 01:00, the repeated hour's start
            LocalDateTime until = tr.getDateTimeBefore(); // e.g. 02:00
            if (!matchesWallClockIn(from.minus(tr.getDuration().abs()), from)) {
                continue; // fires at set hours: once, at the second occurrence (Quartz's own fire)
            }
            Optional<Instant> fire = firstOccurrenceAfter(t, from, until, tr);
            if (fire.isPresent()) {
                return fire;
            }
        }
        return Optional.empty();
    }

    private synchronized Optional<Instant> firstOccurrenceAfter(
            Instant t, LocalDateTime from, LocalDateTime until, ZoneOffsetTransition tr) {
        Date next = wallClock.getNextValidTimeAfter(
                Date.from(from.toInstant(ZoneOffset.UTC).minusMillis(1)));
        while (next != null && next.toInstant().isBefore(until.toInstant(ZoneOffset.UTC))) {
            LocalDateTime local = LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
            Instant first = local.toInstant(tr.getOffsetBefore());
            if (first.isAfter(t)) {
                return Optional.of(first);
            }
            next = wallClock.getNextValidTimeAfter(next);
        }
        return Optional.empty();
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
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
        // Inside the first occurrence of a repeated hour, CronExpression jumps past the second one
        // (from 01:45 EDT to 02:00 EST); the stored trigger never stands there: it goes from before
        // the repeated hour to its second occurrence. Ask from where the trigger would.
        Instant from = t;
        ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
        if (tr != null && tr.isOverlap()) {
            Instant firstStart = tr.getInstant().minus(tr.getDuration().abs());
            if (!t.isBefore(firstStart)) {
                from = firstStart.minusMillis(1);
            }
        }
        Date next = inZone.getNextValidTimeAfter(Date.from(from));
        while (next != null && !next.toInstant().isAfter(t)) {
            next = inZone.getNextValidTimeAfter(next);
        }
        return Optional.ofNullable(next).map(Date::toInstant);
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
