package dev.cutover.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The slots of a schedule strictly between two instants: the ones the scheduler never delivered
 * (e.g. under {@code misfire: skip} Quartz's "do nothing" drops every slot missed by more than its
 * misfire threshold). Bounded so that a long outage of a frequent job cannot flood the history: the
 * newest {@link #LISTED} are listed one by one, the older ones are summed up in one entry.
 *
 * @param listed the newest missed slots, oldest first, at most {@link #LISTED}
 * @param older how many older missed slots there are (0 when all are listed)
 * @param olderFrom the oldest of those, or null
 * @param olderTo the newest of those, or null
 */
public record MissedSlots(List<Instant> listed, int older, Instant olderFrom, Instant olderTo) {
    /** Missed slots listed one by one per job and outage; older ones get one summary entry. */
    public static final int LISTED = 10;

    /**
     * How far back missed slots are looked for: the fire-identity claims that record each slot once
     * are kept for {@link JobRunner#CLAIM_TTL}, so older slots could be recorded twice.
     */
    public static final Duration LOOKBACK = Duration.ofDays(1);

    public MissedSlots {
        listed = List.copyOf(listed);
    }

    /** No missed slot. */
    public static final MissedSlots NONE = new MissedSlots(List.of(), 0, null, null);

    /**
     * The slots of {@code schedule} strictly after {@code after} and strictly before {@code before},
     * looking back at most {@link #LOOKBACK} from {@code before}.
     */
    public static MissedSlots between(Schedule schedule, Instant after, Instant before) {
        Instant from = after.isBefore(before.minus(LOOKBACK)) ? before.minus(LOOKBACK) : after;
        ArrayDeque<Instant> newest = new ArrayDeque<>();
        int older = 0;
        Instant olderFrom = null;
        Instant olderTo = null;
        Optional<Instant> next = schedule.nextAfter(from);
        while (next.isPresent() && next.get().isBefore(before)) {
            newest.addLast(next.get());
            if (newest.size() > LISTED) {
                Instant dropped = newest.removeFirst();
                olderFrom = olderFrom == null ? dropped : olderFrom;
                olderTo = dropped;
                older++;
            }
            next = schedule.nextAfter(next.get());
        }
        return older == 0 && newest.isEmpty() ? NONE : new MissedSlots(List.copyOf(newest), older, olderFrom, olderTo);
    }

    /** Whether there is no missed slot. */
    public boolean isEmpty() {
        return listed.isEmpty();
    }
}
