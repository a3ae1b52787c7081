package dev.cutover.core.approval;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How far the apply of an approved request got, stored with the request so that any replica can
 * finish it: who runs it (the owner and its lease) and the change Route 53 accepted.
 *
 * @param owner the replica applying it (an id unique per process)
 * @param leaseUntil until when the owner holds it; past this, any replica may take it over
 * @param changeId the change id Route 53 returned, without {@code /change/}; null before the submit
 * @param submittedAt when Route 53 accepted the batch; null before the submit
 */
public record ApplyProgress(
        String owner, Instant leaseUntil, @Nullable String changeId, @Nullable Instant submittedAt) {

    public ApplyProgress {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    /** Whether the owner's lease has run out at {@code now}. */
    public boolean lapsed(Instant now) {
        return !now.isBefore(leaseUntil);
    }

    /** The same progress held by {@code newOwner} until {@code until}. */
    public ApplyProgress leasedTo(String newOwner, Instant until) {
        return new ApplyProgress(newOwner, until, changeId, submittedAt);
    }

    /** The progress once Route 53 accepted change {@code id} at {@code at}. */
    public ApplyProgress submitted(String id, Instant at) {
        return new ApplyProgress(owner, leaseUntil, id, at);
    }
}
