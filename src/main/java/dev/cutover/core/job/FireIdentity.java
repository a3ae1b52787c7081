package dev.cutover.core.job;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One scheduled slot of a job: its name plus the slot's instant in UTC. Every attempt, retry and
 * catch-up of the slot carries it, and it is the idempotency key sent downstream (ECS RunTask
 * {@code clientToken}, at most 64 characters; Step Functions execution name, at most 80 characters
 * of {@code [A-Za-z0-9_-]}; HTTP {@code Idempotency-Key}).
 *
 * @param job the job name
 * @param slot the scheduled instant (for a manual run, when it was asked for)
 * @param manual whether this is a {@code /cron run}, which never collides with a scheduled slot
 */
public record FireIdentity(String job, Instant slot, boolean manual) {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    public FireIdentity {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(slot, "slot");
    }

    /** The identity of the scheduled slot {@code slot}. */
    public static FireIdentity scheduled(String job, Instant slot) {
        return new FireIdentity(job, slot, false);
    }

    /** The identity of a manual run asked for at {@code at}. */
    public static FireIdentity manual(String job, Instant at) {
        return new FireIdentity(job, at, true);
    }

    /** The key, e.g. {@code nightly-20260308T070000Z} or {@code nightly-20260308T070000123Z-m}. */
    public String key() {
        return manual ? job + "-" + MILLIS.format(slot) + "-m" : job + "-" + SECONDS.format(slot);
    }

    @Override
    public String toString() {
        return key();
    }
}
